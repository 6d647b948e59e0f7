using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Recruitment.SeekerData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Seekers through the API (issue 10 §2): registration, the profile and resume, and who sees a seeker how.</summary>
public sealed class SeekerTests
{
    private static readonly string Employer = Registry.RegistryData.NewUscc();

    private static Dictionary<string, object> WithNumber(object profile, string idNumber)
    {
        var body = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(System.Text.Json.JsonSerializer.Serialize(profile))!;
        body["id_number"] = idNumber;
        return body;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_registers_themself_once_and_the_identity_number_goes_only_to_the_registry(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        using var client = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        var idNumber = RegistryData.NewIdNumber();

        using var first = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", WithNumber(Profile(), idNumber), "k1");
        using var again = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", WithNumber(Profile(), idNumber), "k2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var created = await JsonAsync(first);
        Assert.Equal(created.GetProperty("id").GetInt64(), (await JsonAsync(again)).GetProperty("id").GetInt64());
        Assert.Equal("13812345678", created.GetProperty("phone").GetString());
        var seeker = await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.AsNoTracking().SingleAsync());
        var person = await RegistryData.QueryAsync(factory, db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(person.Id, seeker.PersonId);
        Assert.Equal(client.UserName, seeker.UserName);
        Assert.DoesNotContain("13812345678", Encoding.UTF8.GetString(seeker.PhoneCipher!), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_registered_by_staff_is_the_same_seeker_when_the_person_later_registers_themself(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var client = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        var idNumber = RegistryData.NewIdNumber();

        using var byStaff = await SendAsync(specialist, HttpMethod.Post, "/api/v1/seekers", WithNumber(Profile(kind: "migrant_worker"), idNumber), "s1");
        using var self = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", WithNumber(Profile(), idNumber), "m1");

        Assert.Equal(HttpStatusCode.Created, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal((await JsonAsync(byStaff)).GetProperty("id").GetInt64(), (await JsonAsync(self)).GetProperty("id").GetInt64());
        Assert.Equal(client.UserName, await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.Select(s => s.UserName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_profile_with_mistakes_is_refused_naming_each_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        using var client = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        var body = WithNumber(Profile(phone: "12345"), "110105199003071230");
        body["wanted_occupations"] = new[] { "astronaut" };

        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", body, "k");
        using var noKey = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me", WithNumber(Profile(), RegistryData.NewIdNumber()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("wanted_occupations", out _));
        Assert.True(errors.TryGetProperty("id_number", out _));
        Assert.True((await JsonAsync(noKey)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_seeker_adds_edits_and_removes_resume_lines_and_no_one_else_touches_them(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var (client, _) = await RegisteredSeekerAsync(factory);
        var (other, _) = await RegisteredSeekerAsync(factory, "王芳");
        using (client)
        using (other)
        {
            using var added = await SendAsync(client, HttpMethod.Post, "/api/v1/seekers/me/resume",
                new { kind = "work", from = "2019-07-01", to = "2019-12-31", organisation = "北京明德软件有限公司", title = "实习生", occupation = "software_engineer" });
            var entryId = (await JsonAsync(added)).GetProperty("id").GetInt64();
            using var edited = await SendAsync(client, HttpMethod.Put, $"/api/v1/seekers/me/resume/{entryId}",
                new { kind = "work", from = "2019-07-01", to = "2020-01-31", organisation = "北京明德软件有限公司", title = "开发实习生" });
            using var backwards = await SendAsync(client, HttpMethod.Put, $"/api/v1/seekers/me/resume/{entryId}",
                new { kind = "work", from = "2019-07-01", to = "2019-01-31", organisation = "北京明德软件有限公司", title = "开发实习生" });
            using var othersEdit = await SendAsync(other, HttpMethod.Delete, $"/api/v1/seekers/me/resume/{entryId}");

            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal("开发实习生", (await JsonAsync(edited)).GetProperty("title").GetString());
            Assert.True((await JsonAsync(backwards)).GetProperty("errors").TryGetProperty("to", out _));
            Assert.Equal(HttpStatusCode.NotFound, othersEdit.StatusCode);
            using (var removed = await SendAsync(client, HttpMethod.Delete, $"/api/v1/seekers/me/resume/{entryId}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            }

            Assert.Equal(0, await RecruitmentData.RecruitmentAsync(factory, db => db.ResumeEntries.CountAsync()));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_employer_sees_a_seeker_masked_until_the_seeker_consents_and_in_full_audited_until_it_is_revoked(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var (client, seekerId) = await RegisteredSeekerAsync(factory, "李明");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using (client)
        {
            using var masked = await enterprise.GetAsync($"/api/v1/seekers/{seekerId}");
            using var consent = await SendAsync(client, HttpMethod.Put, $"/api/v1/seekers/me/consents/{Employer}");
            using var full = await enterprise.GetAsync($"/api/v1/seekers/{seekerId}");
            using var revoke = await SendAsync(client, HttpMethod.Delete, $"/api/v1/seekers/me/consents/{Employer}");
            using var maskedAgain = await enterprise.GetAsync($"/api/v1/seekers/{seekerId}");

            var before = await JsonAsync(masked);
            Assert.Equal("李*", before.GetProperty("name").GetString());
            Assert.Equal("*******5678", before.GetProperty("phone").GetString());
            Assert.False(before.GetProperty("unmasked").GetBoolean());
            Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
            var after = await JsonAsync(full);
            Assert.Equal("李明", after.GetProperty("name").GetString());
            Assert.Equal("13812345678", after.GetProperty("phone").GetString());
            Assert.Equal("李*", (await JsonAsync(maskedAgain)).GetProperty("name").GetString());
            var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, Seekers.UnmaskedAction));
            Assert.Equal(enterprise.UserName, entry.Actor);
            Assert.Equal($"seeker:{seekerId}", entry.Record);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_closed_to_recommendations_is_not_found_by_an_employer_they_never_applied_to(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var (client, seekerId) = await RegisteredSeekerAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using (client)
        {
            var closed = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(System.Text.Json.JsonSerializer.Serialize(Profile()))!;
            closed["open_to_recommendations"] = false;
            using var update = await SendAsync(client, HttpMethod.Put, "/api/v1/seekers/me", closed);
            using var view = await enterprise.GetAsync($"/api/v1/seekers/{seekerId}");

            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        }
    }
}
