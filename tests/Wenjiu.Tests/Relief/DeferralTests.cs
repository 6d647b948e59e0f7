using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>Deferral as an input (issue 3 §7): recorded within the rules, deferred in its months, due the month after.</summary>
public sealed class DeferralTests
{
    private static async Task<DeferralResult> RecordAsync(WenjiuFactory factory, string? uscc, string? first, string? last, string? reference = "京人社缓〔2020〕1号")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeferralHandler>().RecordAsync(new DeferralInput(uscc, first, last, reference), "tester");
    }

    public static TheoryData<DatabaseProvider, string, string, string> DeferralsOutsideTheRules => Providers.Each(
        ("2020-01", "2020-03", "FirstMonth"), // before deferral.earliest_start 2020-02
        ("2020-10", "2021-01", "LastMonth"), // after deferral.latest_end 2020-12
        ("2020-02", "2020-08", "LastMonth"), // seven months: deferral.max_months is 6
        ("2020-05", "2020-04", "LastMonth"), // ends before it starts
        ("2020-5", "2020-06", "FirstMonth")); // not YYYY-MM

    [Theory]
    [MemberData(nameof(DeferralsOutsideTheRules))]
    public async Task A_deferral_outside_the_rules_is_refused_naming_the_field(DatabaseProvider provider, string first, string last, string field)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);

        var result = await RecordAsync(factory, registry.A, first, last);

        Assert.Null(result.Deferral);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_employer_an_overlap_and_a_missing_reference_are_refused_naming_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        Assert.NotNull((await RecordAsync(factory, registry.A, "2020-02", "2020-04")).Deferral);

        var unknown = await RecordAsync(factory, Registry.RegistryData.NewUscc(), "2020-02", "2020-04");
        var overlap = await RecordAsync(factory, registry.A, "2020-04", "2020-06");
        var noReference = await RecordAsync(factory, registry.B, "2020-02", "2020-04", reference: " ");

        Assert.Equal("Uscc", Assert.Single(unknown.Errors).Field);
        Assert.Equal("FirstMonth", Assert.Single(overlap.Errors).Field);
        Assert.Equal("Reference", Assert.Single(noReference.Errors).Field);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task In_deferred_months_the_employer_payable_is_deferred_and_falls_due_the_month_after_the_last(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        Assert.NotNull((await RecordAsync(factory, registry.B, "2020-02", "2020-03")).Deferral);

        var february = await AssessAsync(factory, February);
        var march = await AssessAsync(factory, new YearMonth(2020, 3));
        var april = await AssessAsync(factory, new YearMonth(2020, 4));

        var b = (await RowsAsync(factory, february.RunId)).Single(r => r.Uscc == registry.B);
        Assert.Equal(ExpectedB.EmployerPayable, b.Deferred);
        Assert.Equal(ExpectedB.EmployerPayable, b.EmployerPayable);
        Assert.Equal(0m, (await RowsAsync(factory, february.RunId)).Single(r => r.Uscc == registry.A).Deferred);
        Assert.Equal(ExpectedB.EmployerPayable, (await CurrentRunAsync(factory, February))!.Deferred);
        var marchB = (await RowsAsync(factory, march.RunId)).Single(r => r.Uscc == registry.B);
        Assert.Equal(marchB.EmployerPayable, marchB.Deferred);
        Assert.Equal(0m, (await RowsAsync(factory, april.RunId)).Single(r => r.Uscc == registry.B).Deferred);

        await using var scope = factory.Services.CreateAsyncScope();
        var deferrals = scope.ServiceProvider.GetRequiredService<DeferralHandler>();
        var queries = scope.ServiceProvider.GetRequiredService<AssessmentQueries>();
        var dueInApril = await deferrals.AmountsAsync(registry.B, new YearMonth(2020, 4), queries);
        Assert.Equal((0m, b.Deferred + marchB.Deferred), (dueInApril.DeferredThisMonth, dueInApril.NowDue));
        Assert.Empty(await deferrals.NowDueAsync(new YearMonth(2020, 3)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_record_a_deferral_through_the_api_and_a_bad_one_is_a_400_naming_the_json_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var created = await staff.Http.PostAsJsonAsync("/api/v1/relief/deferrals", new Dictionary<string, string> { ["uscc"] = registry.A, ["first_month"] = "2020-02", ["last_month"] = "2020-07", ["reference"] = "京人社缓〔2020〕7号" });
        var refused = await staff.Http.PostAsJsonAsync("/api/v1/relief/deferrals", new Dictionary<string, string> { ["uscc"] = registry.B, ["first_month"] = "2020-02", ["last_month"] = "2021-02", ["reference"] = "x" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2020-08", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due_month").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("last_month", out _));
        var list = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/relief/deferrals?uscc={registry.A}");
        Assert.Equal(1, list.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_deferral_page_records_with_a_plain_post_and_shows_errors_beside_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var refused = await staff.PostFormAsync("/Relief/Deferrals", "/Relief/Deferrals", [new("Input.Uscc", registry.A), new("Input.FirstMonth", "2020-01"), new("Input.LastMonth", "2020-03"), new("Input.Reference", "r")]);
        var recorded = await staff.PostFormAsync("/Relief/Deferrals", "/Relief/Deferrals", [new("Input.Uscc", registry.A), new("Input.FirstMonth", "2020-02"), new("Input.LastMonth", "2020-03"), new("Input.Reference", "r")]);

        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("error-summary", refusedPage, StringComparison.Ordinal);
        Assert.Contains("field field-error", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var list = await staff.GetPageAsync("/Relief/Deferrals");
        Assert.Contains(registry.A, list, StringComparison.Ordinal);
    }
}
