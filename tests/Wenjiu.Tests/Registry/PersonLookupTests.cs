using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class PersonLookupTests
{
    private static KeyValuePair<string, string>[] Lookup(string idNumber, string purpose = "case_work", string note = "") =>
        [new("IdNumber", idNumber), new("Purpose", purpose), new("Note", note)];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_role_that_needs_the_number_sees_it_in_full_and_the_view_is_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        var idNumber = RegistryData.NewIdNumber();
        var person = await RegistryData.AddPersonAsync(factory, "王芳", idNumber);
        await RegistryData.AddSpellAsync(factory, person.Id, employer.Uscc, 201801);
        using var inspector = await SignedInClient.CreateAsync(factory, Roles.LabourInspector);

        using var response = await inspector.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(idNumber, "inspection"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<code id=\"person-id-number\">{idNumber}</code>", html, StringComparison.Ordinal);
        Assert.Contains("北京明德软件有限公司", html, StringComparison.Ordinal);
        var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, "person.unmasked"));
        Assert.Equal($"person:{person.Id}", entry.Record);
        Assert.Equal(inspector.UserName, entry.Actor);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_whose_work_needs_no_person_look_up_cannot_open_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();
        await RegistryData.AddPersonAsync(factory, "王芳", idNumber);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var page = await specialist.GetAsync("/Registry/Persons/Lookup");
        using var officers = await officer.GetAsync("/Registry/Persons/Lookup");

        // docs/permissions.md: only the administrator, reviewers and labour inspectors look persons up.
        Assert.Equal("/Account/Denied", page.Headers.Location?.AbsolutePath);
        Assert.Equal("/Account/Denied", officers.Headers.Location?.AbsolutePath);
        Assert.Empty(await AuditTrail.EntriesAsync(factory, "person.unmasked"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_look_up_found_or_not_is_audited_with_its_purpose_and_the_number_masked(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var known = RegistryData.NewIdNumber();
        var unknown = RegistryData.NewIdNumber();
        var person = await RegistryData.AddPersonAsync(factory, "王芳", known);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        (await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(known, "correction", "工单 2020-118"))).Dispose();
        using var notFound = await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(unknown, "other", "核对来电"));

        Assert.Contains("id=\"person-not-found\"", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entries = await AuditTrail.EntriesAsync(factory, "person.lookup");
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(reviewer.UserName, e.Actor));
        Assert.Equal($"person:{person.Id}", entries[0].Record);
        Assert.Contains("purpose: correction; note: 工单 2020-118", entries[0].Details, StringComparison.Ordinal);
        Assert.Contains("found", entries[0].Details, StringComparison.Ordinal);
        Assert.Equal("person:?", entries[1].Record);
        Assert.Contains("purpose: other; note: 核对来电", entries[1].Details, StringComparison.Ordinal);
        Assert.Contains("not found", entries[1].Details, StringComparison.Ordinal);
        Assert.Contains($"{unknown[..6]}********{unknown[^4..]}", entries[1].Details, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.DoesNotContain(e.Record == "person:?" ? unknown : known, e.Details!, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_look_up_without_a_purpose_is_not_made(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();
        await RegistryData.AddPersonAsync(factory, "王芳", idNumber);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        using var none = await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", [new("IdNumber", idNumber)]);
        using var otherWithoutNote = await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(idNumber, "other"));
        var noneHtml = await none.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#Purpose\">", noneHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("person-id-number", noneHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Note\">", await otherWithoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await AuditTrail.EntriesAsync(factory, "person.lookup"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mistyped_number_is_reported_beside_the_field_without_naming_the_right_check_character(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();
        var wrongCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        using var inspector = await SignedInClient.CreateAsync(factory, Roles.LabourInspector);

        using var response = await inspector.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(wrongCheck));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#IdNumber\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"IdNumber-error\">校验码（第 18 位）不正确", html, StringComparison.Ordinal);
        Assert.DoesNotContain("应为", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The tester's run (issue 7 §3): a masked number (area code and last four shown) leaves only the birth date unknown;
    /// the candidates whose check character fits were POSTed one after another, and the 268th was the person.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Guessing_a_masked_number_is_refused_after_the_hourly_quota_every_guess_audited_and_an_alert_raised(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var target = RegistryData.NewIdNumber();
        await RegistryData.AddPersonAsync(factory, "王芳", target);
        var guesses = CandidatesFor(target).Where(c => c != target).Take(267).Append(target).ToList();
        Assert.Equal(268, guesses.Count);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var answers = new List<(HttpStatusCode Status, string Html)>();
        foreach (var guess in guesses)
        {
            using var response = await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(guess));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers.Take(20), a => Assert.Contains("id=\"person-not-found\"", a.Html, StringComparison.Ordinal));
        Assert.All(answers.Skip(20), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Contains("id=\"lookup-refused\"", a.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("person-id-number", a.Html, StringComparison.Ordinal);
        });
        Assert.Contains("已达上限（20 次）", answers[^1].Html, StringComparison.Ordinal);
        var audited = await AuditTrail.EntriesAsync(factory, "person.lookup");
        Assert.Equal(268, audited.Count);
        Assert.Equal(248, audited.Count(e => e.Details!.Contains("refused", StringComparison.Ordinal)));
        var alert = Assert.Single(await AuditTrail.EntriesAsync(factory, "security.alert"));
        Assert.Equal($"user:{reviewer.UserName}", alert.Record);

        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var alerts = await admin.GetPageAsync("/Registry/Persons/Alerts");
        Assert.Contains($">{reviewer.UserName}</a>", alerts, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">248</td>", alerts, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_quota_is_counted_from_the_database_so_a_restart_or_another_node_does_not_reset_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Registry:PersonLookup:HourlyLimit"] = "3" });
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Three look-ups made in the last hour through another node (or before a restart), one made two hours ago.
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var now = DateTime.UtcNow;
            foreach (var minutes in new[] { 10, 20, 50, 120 })
            {
                db.PersonLookups.Add(new PersonLookup { Actor = reviewer.UserName, OccurredAtUtc = now.AddMinutes(-minutes), Purpose = LookupPurpose.CaseWork, Outcome = LookupOutcome.NotFound });
            }

            await db.SaveChangesAsync();
        }

        using var response = await reviewer.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(RegistryData.NewIdNumber()));
        using var colleague = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        using var other = await colleague.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", Lookup(RegistryData.NewIdNumber()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("已达上限（3 次）", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_administrators_see_the_look_up_alerts(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var denied = await specialist.GetAsync("/Registry/Persons/Alerts");
        var page = await admin.GetPageAsync("/Registry/Persons/Alerts");

        Assert.Equal("/Account/Denied", denied.Headers.Location?.AbsolutePath);
        Assert.Contains("id=\"no-alerts\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_cannot_look_up_persons(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());

        using var response = await enterprise.GetAsync("/Registry/Persons/Lookup");

        Assert.Equal("/Account/Denied", response.Headers.Location?.AbsolutePath);
    }

    /// <summary>Every number with the target's area code, sequence digits and check character: only the birth date varies.</summary>
    private static IEnumerable<string> CandidatesFor(string target)
    {
        for (var birth = new DateOnly(1960, 1, 1); birth < new DateOnly(2005, 1, 1); birth = birth.AddDays(1))
        {
            var first17 = string.Concat(target.AsSpan(0, 6), birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), target.AsSpan(14, 3));
            if (ResidentIdentityNumber.CheckCharacter(first17) == target[17])
            {
                yield return first17 + target[17];
            }
        }
    }
}
