using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Contracts;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Reviews.Domain;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Reviews;

/// <summary>Deferral applications (issue 9 §3): applied for in the portal, reviewed in the queue, recorded in relief once.</summary>
public sealed class DeferralApplicationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_approved_application_becomes_a_relief_deferral_once_and_the_enterprise_is_told(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.B);
        using var reviewer = await ReviewerAsync(factory);
        var task = await AppliedTaskAsync(enterprise, "2020-03", "2020-05");

        using var approved = await ActAsync(reviewer, task, "Approve", [new("Note", "材料齐全")]);
        await factory.DispatchAsync();
        await factory.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ReviewStatus.Approved, (await TaskAsync(factory, task)).Status);
        await using var scope = factory.Services.CreateAsyncScope();
        var deferral = Assert.Single(await scope.ServiceProvider.GetRequiredService<DeferralHandler>().RecentAsync(registry.B));
        Assert.Equal(("2020-03", "2020-05"), (deferral.FirstMonth.ToString(), deferral.LastMonth.ToString()));
        var application = await ReviewsAsync(factory, db => db.DeferralApplications.SingleAsync());
        Assert.Equal(deferral.Id, application.DeferralId);
        Assert.Contains(Wenjiu.Reviews.Features.Notices.TellApplicant.ApprovedKind, await NotificationKindsAsync(factory, enterprise.UserName));
        Assert.Contains("材料齐全", await enterprise.GetPageAsync($"/Reviews/Letters/{task}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_task_carries_the_deferred_contributions_at_stake_counting_a_month_not_yet_assessed_as_the_last_one_assessed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.B);
        var unassessed = await AppliedTaskAsync(enterprise, "2020-03", "2020-05");
        await Relief.SmallRegistry.AssessAsync(factory, new YearMonth(2020, 3));

        using var other = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);
        var task = await AppliedTaskAsync(other, "2020-03", "2020-05");

        await using var scope = factory.Services.CreateAsyncScope();
        var march = await scope.ServiceProvider.GetRequiredService<IAssessmentResults>().FindAsync(registry.A, new YearMonth(2020, 3));
        Assert.NotNull(march);
        Assert.True(march.EmployerPayable > 0);
        Assert.Equal(3 * march.EmployerPayable, (await TaskAsync(factory, task)).Amount);
        Assert.Null((await TaskAsync(factory, unassessed)).Amount);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_form_posted_twice_makes_one_application(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);

        using var first = await ApplyAsync(enterprise, "2020-02", "2020-03", key: "form-1");
        using var second = await ApplyAsync(enterprise, "2020-02", "2020-03", key: "form-1");

        Assert.Equal(Forms.Location(first), Forms.Location(second));
        Assert.Equal(1, await ReviewsAsync(factory, db => db.DeferralApplications.CountAsync()));
        Assert.Equal(1, await ReviewsAsync(factory, db => db.Tasks.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_api_answers_a_repeated_idempotency_key_with_the_first_application(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);
        using var file = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "证明.pdf" } };
        using var stored = await enterprise.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/files") { Content = file, Headers = { { "X-CSRF-TOKEN", await CsrfAsync(enterprise) } } });
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var fileId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var body = new Dictionary<string, object> { ["first_month"] = "2020-02", ["last_month"] = "2020-04", ["reason"] = "停业", ["evidence_files"] = new[] { fileId } };

        using var created = await PostJsonAsync(enterprise, "/api/v1/reviews/deferrals", body, "retry-7");
        using var repeated = await PostJsonAsync(enterprise, "/api/v1/reviews/deferrals", body, "retry-7");
        using var noKey = await PostJsonAsync(enterprise, "/api/v1/reviews/deferrals", body, null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.True((await noKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(1, await ReviewsAsync(factory, db => db.DeferralApplications.CountAsync()));
    }

    public static TheoryData<DatabaseProvider, string, string, string> ApplicationsOutsideTheRules => Providers.Each(
        ("2020-01", "2020-03", "FirstMonth"), // before the earliest deferral month, 2020-02
        ("2020-02", "2020-08", "LastMonth"), // seven months: at most six
        ("2020-10", "2021-01", "LastMonth")); // after the latest, 2020-12

    [Theory]
    [MemberData(nameof(ApplicationsOutsideTheRules))]
    public async Task An_application_outside_the_relief_rules_is_refused_beside_the_field_before_it_is_submitted(DatabaseProvider provider, string first, string last, string field)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);

        using var response = await ApplyAsync(enterprise, first, last);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("error-summary", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{Wenjiu.Platform.Web.FormHtml.FieldId(field)}\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await ReviewsAsync(factory, db => db.Tasks.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Evidence_that_is_not_a_pdf_or_an_image_is_refused(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);

        using var response = await ApplyAsync(enterprise, "2020-02", "2020-03", file: "MZ\x90\0 this is a program"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"href=\"#{Wenjiu.Platform.Web.FormHtml.FieldId("Evidence")}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await ReviewsAsync(factory, db => db.DeferralApplications.CountAsync()));
    }

    private static async Task<string> CsrfAsync(SignedInClient client) => SignedInClient.AntiforgeryToken(await client.GetPageAsync("/Reviews/Mine"));

    private static async Task<HttpResponseMessage> PostJsonAsync(SignedInClient client, string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.Http.SendAsync(request);
    }
}
