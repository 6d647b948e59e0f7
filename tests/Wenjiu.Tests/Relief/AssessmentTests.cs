using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Rules;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Rules;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>The monthly assessment (issue 3 §3) against PostgreSQL: bills, versions, diff, crash safety, API and page.</summary>
public sealed class AssessmentTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_employer_with_spells_active_in_the_month_is_billed_as_computed_by_hand(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);

        var outcome = await AssessAsync(factory, February);

        Assert.True(outcome.Completed, outcome.Message);
        var rows = (await RowsAsync(factory, outcome.RunId)).ToDictionary(r => r.Uscc);
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(registry.D, rows.Keys);
        Expected.Equal(ExpectedA, rows[registry.A]);
        Expected.Equal(ExpectedB, rows[registry.B]);
        Expected.Equal(ExpectedC, rows[registry.C]);
        Assert.Equal(("sme", 2), (rows[registry.A].Category, rows[registry.A].Insured));
        Assert.Equal(("large_or_other", "large", "large"), (rows[registry.B].Category, rows[registry.B].ReportClass, rows[registry.B].SizeClass));
        Assert.Equal(("none", "other", null), (rows[registry.C].Category, rows[registry.C].ReportClass, rows[registry.C].SizeClass));

        var run = (await CurrentRunAsync(factory, February))!;
        Assert.Equal((outcome.RunId, 1, AssessmentStatus.Completed, 3, 4), (run.Id, run.Version, run.Status, run.Employers, run.Insured));
        Assert.Equal(ExpectedA.EmployerRelief + ExpectedB.EmployerRelief + ExpectedC.EmployerRelief, run.EmployerRelief);
        Assert.Equal(ExpectedA.EmployerPayable + ExpectedB.EmployerPayable + ExpectedC.EmployerPayable, run.EmployerPayable);
        Assert.Equal(ExpectedA.EmployeePayable + ExpectedB.EmployeePayable + ExpectedC.EmployeePayable, run.EmployeePayable);
        Assert.Equal((ReliefRuleSet.Beijing2020Name, ReliefRuleSet.Beijing2020.Version), (run.RuleSetName, run.RuleSetVersion));
        Assert.Contains(UsedParameter.Parse(run.ParametersJson), p => p is { Name: "pension.employer_rate", Value: "0.16", From: "2019-07" });
        Assert.Contains(UsedParameter.Parse(run.ParametersJson), p => p is { Name: "relief.payable_factor.large_or_other.pension", Value: "0.5", From: "2020-02" });
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_per_person_lines_recomputed_on_demand_add_up_to_the_stored_bill(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var outcome = await AssessAsync(factory, February);

        await using var scope = factory.Services.CreateAsyncScope();
        var lines = (await scope.ServiceProvider.GetRequiredService<EmployerLines>().CalculateAsync(registry.B, February, explain: true))!;

        var stored = (await RowsAsync(factory, outcome.RunId)).Single(r => r.Uscc == registry.B);
        Assert.True(lines.SameRulesAsRun);
        Assert.Equal(outcome.RunId, lines.CurrentRun!.Id);
        Assert.Equal((stored.EmployerDue, stored.EmployerRelief, stored.EmployerPayable, stored.EmployeePayable),
            (lines.Calculation.Totals.EmployerDue, lines.Calculation.Totals.EmployerRelief, lines.Calculation.Totals.EmployerPayable, lines.Calculation.Totals.EmployeePayable));
        Assert.All(lines.Calculation.Lines, l => Assert.NotNull(l.Trace));
        Assert.Contains("large", lines.Calculation.Category.SizeClassWhy, StringComparison.Ordinal);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<EmployerLines>().CalculateAsync(Registry.RegistryData.NewUscc(), February, explain: false));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Assessing_again_with_the_same_rules_and_data_gives_identical_rows_under_a_new_current_version(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);

        var first = await AssessAsync(factory, February);
        var second = await AssessAsync(factory, February);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal((await RowsAsync(factory, first.RunId)).Select(Figures), (await RowsAsync(factory, second.RunId)).Select(Figures));
        Assert.Equal(second.RunId, (await CurrentRunAsync(factory, February))!.Id);
        var runs = await ReliefAsync(factory, db => db.AssessmentRuns.AsNoTracking().OrderBy(r => r.Version).ToListAsync());
        Assert.Equal([false, true], runs.Select(r => r.IsCurrent));
        Assert.Equal(runs[0].EmployerRelief, runs[1].EmployerRelief);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Pruning_deletes_the_rows_of_superseded_versions_but_the_newest_kept_ones_and_records_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);
        var versions = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            versions.Add((await AssessAsync(factory, February)).RunId);
        }

        using var output = new StringWriter();
        var status = await Wenjiu.Relief.Features.Assess.AssessCommand.PruneAsync(factory.Services, February, 1, output, CancellationToken.None);
        using var again = new StringWriter();
        await Wenjiu.Relief.Features.Assess.AssessCommand.PruneAsync(factory.Services, February, 1, again, CancellationToken.None);

        Assert.Equal(0, status);
        Assert.Equal("Pruned the employer rows of 1 superseded version(s): 2020-02 v1.", output.ToString().Trim());
        Assert.Equal("Nothing to prune.", again.ToString().Trim());
        var runs = await ReliefAsync(factory, db => db.AssessmentRuns.AsNoTracking().OrderBy(r => r.Version).ToListAsync());
        Assert.Equal([AssessmentStatus.Pruned, AssessmentStatus.Completed, AssessmentStatus.Completed], runs.Select(r => r.Status));
        Assert.Equal(runs[2].EmployerRelief, runs[0].EmployerRelief);
        var rowCounts = new List<int>();
        foreach (var version in versions)
        {
            rowCounts.Add((await RowsAsync(factory, version)).Count);
        }

        Assert.Equal([0, 3, 3], rowCounts);
        await using var scope = factory.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<AssessmentQueries>();
        Assert.Null(await queries.DiffAsync(February, 1, 3));
        Assert.NotNull(await queries.DiffAsync(February, 2, 3));
        var audit = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.AsNoTracking().Where(e => e.Action == "relief.assess.prune").ToListAsync();
        Assert.Equal("2020-02 v1", Assert.Single(audit).Details);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_changed_parameter_makes_a_new_version_and_the_diff_names_it_and_the_totals_it_moved(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var rules = ReliefRuleSet.Beijing2020;
        var changed = rules.With(
            new Dictionary<string, IReadOnlyList<DatedValue>>
            {
                ["pension.employer_rate"] = ParameterFiles.Values("test", "pension.employer_rate", rules.Parameters["pension.employer_rate"].Unit, [new WrittenValue("2019-07", null, "0.14")]),
            },
            "rate-14");

        await AssessAsync(factory, February);
        var second = await AssessAsync(factory, February, changed);

        Assert.Equal(2, second.Version);
        var b = (await RowsAsync(factory, second.RunId)).Single(r => r.Uscc == registry.B);
        Assert.Equal((3_715.74m, 1_857.87m, 1_857.87m), (b.PensionEmployerDue, b.PensionEmployerRelief, b.PensionEmployerPayable)); // 26,541 × 14% = 3,715.74
        await using var scope = factory.Services.CreateAsyncScope();
        var diff = (await scope.ServiceProvider.GetRequiredService<AssessmentQueries>().DiffAsync(February, 1, 2))!;
        Assert.Equal(new ParameterChange("pension.employer_rate", "0.16", "0.14", "rate"), Assert.Single(diff.ParameterChanges));
        Assert.Equal(3, diff.EmployersChanged);
        Assert.Equal($"{rules.Version}+rate-14", diff.To.RuleSetVersion);
        var pension = (diff.FromTotals[0], diff.ToTotals[0]);
        Assert.Equal(-(4_246.56m - 3_715.74m) - ((1_858.08m + 1_600.00m) / 8m), pension.Item2.EmployerDue - pension.Item1.EmployerDue);
        Assert.Equal(diff.FromTotals[3], diff.ToTotals[3]);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_run_that_fails_half_way_leaves_nothing_visible_and_the_next_run_completes_with_the_same_totals(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);
        var good = await AssessAsync(factory, February);

        var failed = await AssessAsync(factory, February, afterBatch: (_, _) => throw new IOException("disk full (injected)"));

        Assert.Equal(AssessmentStatus.Failed, failed.Status);
        Assert.Contains("injected", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(factory, failed.RunId));
        Assert.Equal(good.RunId, (await CurrentRunAsync(factory, February))!.Id);
        var next = await AssessAsync(factory, February);
        Assert.Equal((await RowsAsync(factory, good.RunId)).Select(Figures), (await RowsAsync(factory, next.RunId)).Select(Figures));
        Assert.Equal(next.RunId, (await CurrentRunAsync(factory, February))!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cancelled_run_leaves_no_current_run_and_no_rows(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AssessAsync(factory, February, afterBatch: async (_, token) =>
        {
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, cancellationToken: cancel.Token));

        Assert.Null(await CurrentRunAsync(factory, February));
        Assert.Equal(0, await ReliefAsync(factory, db => db.EmployerAssessments.CountAsync()));
        Assert.Equal(AssessmentStatus.Failed, (await ReliefAsync(factory, db => db.AssessmentRuns.SingleAsync())).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_run_left_running_by_a_killed_process_is_invisible_and_cleaned_up_by_the_next_run(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        var good = await AssessAsync(factory, February);

        // What kill -9 between the rows and the final transaction leaves: a run still marked running, with rows.
        var killed = Guid.NewGuid();
        await ReliefAsync(factory, async db =>
        {
            db.AssessmentRuns.Add(new AssessmentRun { Id = killed, Month = new Wenjiu.Platform.Periods.YearMonth(2020, 2), Version = 2, Status = AssessmentStatus.Running, RuleSetName = "beijing-2020", StartedBy = "killed", StartedAt = DateTimeOffset.UtcNow });
            db.EmployerAssessments.Add(new EmployerAssessment { RunId = killed, Uscc = registry.A, Category = "sme", ReportClass = "small", District = "110105", Industry = "software_it", Insured = 1, PensionEmployerDue = 1m });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(good.RunId, (await CurrentRunAsync(factory, February))!.Id);

        var next = await AssessAsync(factory, February);

        Assert.Equal(3, next.Version);
        Assert.Empty(await RowsAsync(factory, killed));
        var stale = await ReliefAsync(factory, db => db.AssessmentRuns.AsNoTracking().SingleAsync(r => r.Id == killed));
        Assert.Equal((AssessmentStatus.Failed, false), (stale.Status, stale.IsCurrent));
        Assert.Equal((await RowsAsync(factory, good.RunId)).Select(Figures), (await RowsAsync(factory, next.RunId)).Select(Figures));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_month_the_rules_do_not_cover_fails_naming_the_parameter_and_month(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);

        var outcome = await AssessAsync(factory, new Wenjiu.Platform.Periods.YearMonth(2019, 1));

        Assert.Equal(AssessmentStatus.Failed, outcome.Status);
        Assert.Contains("2019-01", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("pension.", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_run_writes_one_audit_entry_naming_month_and_version(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);

        await AssessAsync(factory, February);

        await using var scope = factory.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.AsNoTracking().SingleAsync(e => e.Action == MonthlyAssessment.AuditAction);
        Assert.Equal(("tester", "assessment 2020-02 v1"), (entry.Actor, entry.Record));
        Assert.Contains("\"employers\":3", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_start_an_assessment_through_the_api_and_follow_it_to_completion_on_its_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var started = await staff.Http.PostAsJsonAsync("/api/v1/relief/assessments", new { month = "2020-02" });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement progress = default;
        for (var i = 0; i < 100; i++)
        {
            progress = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/relief/assessments/{id}");
            if (progress.GetProperty("finished").GetBoolean())
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("completed", progress.GetProperty("status").GetString());
        Assert.Equal(3, progress.GetProperty("employers").GetInt32());
        Assert.Equal(ExpectedB.Pension.Item2 + ExpectedA.Pension.Item2, progress.GetProperty("insurances").GetProperty("pension").GetProperty("employer_relief").GetDecimal());
        var page = await staff.GetPageAsync($"/Relief/Assessments/Run/{id}");
        Assert.Contains("id=\"insurance-totals\"", page, StringComparison.Ordinal);
        Assert.Contains((ExpectedA.EmployerRelief + ExpectedB.EmployerRelief).ToString("N2", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        var list = await staff.GetPageAsync("/Relief/Assessments");
        Assert.Contains($"/Relief/Assessments/Run/{id}", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_month_is_a_400_naming_it_and_enterprise_users_cannot_start_an_assessment(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);

        var bad = await staff.Http.PostAsJsonAsync("/api/v1/relief/assessments", new { month = "2020-13" });
        var forbidden = await enterprise.Http.PostAsJsonAsync("/api/v1/relief/assessments", new { month = "2020-02" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var page = await enterprise.GetAsync("/Relief/Assessments");
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Contains("/Account/Denied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_diff_page_lists_the_changed_totals_of_two_versions(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangeAsync(factory);
        await AssessAsync(factory, February);
        await AssessAsync(factory, February);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var page = await staff.GetPageAsync("/Relief/Assessments/Diff?month=2020-02&from=1&to=2");
        var api = await staff.Http.GetFromJsonAsync<JsonElement>("/api/v1/relief/assessments/diff?month=2020-02&from=1&to=2");

        Assert.Contains("id=\"diff-insurances\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-parameter-changes\"", page, StringComparison.Ordinal);
        Assert.Equal(0, api.GetProperty("employers_changed").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/v1/relief/assessments/diff?month=2020-02&from=1&to=9")).StatusCode);
    }
}
