using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>Issue 7 §6: deferrals listed with the employer's name, and revocable (who, when, why; audited).</summary>
public sealed class DeferralRevocationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_revoked_deferral_stays_on_record_is_audited_and_the_next_assessment_bills_its_months_as_not_deferred(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var deferral = (await RecordAsync(factory, registry.B, "2020-02", "2020-03")).Deferral!;
        var deferred = await AssessAsync(factory, February);
        Assert.Equal(ExpectedB.EmployerPayable, (await RowsAsync(factory, deferred.RunId)).Single(r => r.Uscc == registry.B).Deferred);

        var revoked = await RevokeAsync(factory, deferral.Id, "审批撤回：单位已恢复经营");
        var reassessed = await AssessAsync(factory, February);

        Assert.NotNull(revoked!.Deferral);
        Assert.Equal(0m, (await RowsAsync(factory, reassessed.RunId)).Single(r => r.Uscc == registry.B).Deferred);
        await using var scope = factory.Services.CreateAsyncScope();
        var listed = Assert.Single(await scope.ServiceProvider.GetRequiredService<DeferralHandler>().ListAsync(registry.B));
        Assert.Equal(("reviser", "审批撤回：单位已恢复经营"), (listed.Deferral.RevokedBy, listed.Deferral.RevocationReason));
        Assert.NotNull(listed.Deferral.RevokedAt);
        var audit = Assert.Single(await AuditTrail.EntriesAsync(factory, DeferralHandler.RevokeAuditAction));
        Assert.Equal("reviser", audit.Actor);
        Assert.Contains(registry.B, audit.Record, StringComparison.Ordinal);
        Assert.Equal("审批撤回：单位已恢复经营", JsonDocument.Parse(audit.Details!).RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Revoking_needs_a_reason_a_revoked_deferral_is_not_revoked_twice_and_frees_its_months(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var deferral = (await RecordAsync(factory, registry.A, "2020-02", "2020-04")).Deferral!;

        var noReason = await RevokeAsync(factory, deferral.Id, "  ");
        var first = await RevokeAsync(factory, deferral.Id, "撤回");
        var again = await RevokeAsync(factory, deferral.Id, "撤回");
        var unknown = await RevokeAsync(factory, deferral.Id + 1000, "撤回");
        var replacement = await RecordAsync(factory, registry.A, "2020-03", "2020-05");

        Assert.Equal("Reason", Assert.Single(noReason!.Errors).Field);
        Assert.NotNull(first!.Deferral);
        Assert.Equal("Reason", Assert.Single(again!.Errors).Field);
        Assert.Null(unknown);
        Assert.NotNull(replacement.Deferral); // a revoked deferral no longer overlaps
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_deferral_page_shows_the_employers_name_and_revokes_with_a_plain_post(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var deferral = (await RecordAsync(factory, registry.A, "2020-02", "2020-03")).Deferral!;
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var before = await staff.GetPageAsync("/Relief/Deferrals");
        var refused = await staff.PostFormAsync("/Relief/Deferrals", $"/Relief/Deferrals?handler=Revoke&id={deferral.Id}", [new("reason", "")]);
        var done = await staff.PostFormAsync("/Relief/Deferrals", $"/Relief/Deferrals?handler=Revoke&id={deferral.Id}", [new("reason", "申请撤回")]);
        var after = await staff.GetPageAsync("/Relief/Deferrals");

        Assert.Contains($"<span class=\"employer-name\">单位 {registry.A[^6..]}</span>", before, StringComparison.Ordinal);
        Assert.Contains($"id=\"Revoke{deferral.Id}_Reason\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请填写撤销原因", refusedPage, StringComparison.Ordinal);
        Assert.Contains($"id=\"Revoke{deferral.Id}_Reason-error\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("申请撤回", after, StringComparison.Ordinal);
        Assert.Contains("class=\"deferral-revoked\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"Revoke{deferral.Id}_Reason\"", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_revoke_through_the_api_and_the_list_carries_the_name_and_the_revocation(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var deferral = (await RecordAsync(factory, registry.A, "2020-02", "2020-03")).Deferral!;
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        using var missing = await staff.Http.PostAsJsonAsync($"/api/v1/relief/deferrals/{deferral.Id}/revoke", new { reason = "" });
        using var revoked = await staff.Http.PostAsJsonAsync($"/api/v1/relief/deferrals/{deferral.Id}/revoke", new { reason = "撤回" });
        using var unknown = await staff.Http.PostAsJsonAsync($"/api/v1/relief/deferrals/{deferral.Id + 99}/revoke", new { reason = "撤回" });
        var list = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/relief/deferrals?uscc={registry.A}");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var item = list[0];
        Assert.Equal($"单位 {registry.A[^6..]}", item.GetProperty("employer_name").GetString());
        Assert.Equal("撤回", item.GetProperty("revocation_reason").GetString());
    }

    private static async Task<DeferralResult> RecordAsync(WenjiuFactory factory, string uscc, string first, string last)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeferralHandler>().RecordAsync(new DeferralInput(uscc, first, last, "京人社缓〔2020〕1号"), "recorder");
    }

    private static async Task<DeferralResult?> RevokeAsync(WenjiuFactory factory, long id, string reason)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeferralHandler>().RevokeAsync(id, reason, "reviser");
    }
}
