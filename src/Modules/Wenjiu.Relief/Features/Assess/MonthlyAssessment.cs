using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>The end of a run: its id, version and status, and why it failed.</summary>
internal sealed record AssessmentOutcome(Guid RunId, YearMonth Month, int Version, AssessmentStatus Status, string? Message)
{
    public bool Completed => Status == AssessmentStatus.Completed;
}

/// <summary>
/// The monthly assessment (issue 3 §3): every employer with spells active in the month, billed by the month's rules
/// and stored as one row per employer under a new run. The rows are written while the run is marked running and
/// invisible (readers look only at the current run of a month); one short transaction at the end makes the run current
/// and the previous current run not. A run that dies half-way (kill -9, power) is left running; the next run, holding
/// the assessment lock, knows no one is writing it, marks it failed and deletes its rows. Each run records the rule
/// set's version and every parameter value it used; re-assessing a month makes a new version beside the old ones.
/// </summary>
internal sealed class MonthlyAssessment(
    ReliefDbContext db,
    DatabaseOptions database,
    ReliefRuleSet rules,
    IInsuredEmploymentSource source,
    IAuditLog audit,
    TimeProvider clock,
    AssessmentMetrics metrics,
    ILogger<MonthlyAssessment> logger)
{
    public const string AuditAction = "relief.assess";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>The rule set the run uses; a test or a bench may replace it (e.g. a changed parameter).</summary>
    public ReliefRuleSet Rules { get; set; } = rules;

    /// <summary>Called with the number of employers written after each batch; a test may cancel or fail from here.</summary>
    public Func<int, CancellationToken, Task>? AfterBatch { get; set; }

    /// <summary>Assesses a month; <paramref name="runId"/> lets a queued request keep the id its page already shows.</summary>
    public async Task<AssessmentOutcome> AssessAsync(YearMonth month, string startedBy, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        await using var store = AssessmentStore.Create(database, db);
        await store.LockAsync(cancellationToken);
        await CleanUpInterruptedRunsAsync(cancellationToken);
        if (runId is { } id && await db.AssessmentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } earlier)
        {
            if (earlier.Status is AssessmentStatus.Completed or AssessmentStatus.Pruned)
            {
                // A queued run attempted again after it had finished (its node stopped before saying so): the same answer.
                return new AssessmentOutcome(earlier.Id, earlier.Month, earlier.Version, earlier.Status, earlier.Message);
            }

            // An earlier attempt of this queued run was cut short or failed: it gives way, so the run keeps its id (the
            // page polls it) and takes the same version; nothing of it was visible (ADR 0008).
            await db.EmployerAssessments.Where(a => a.RunId == id).ExecuteDeleteAsync(cancellationToken);
            await db.AssessmentRuns.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        }

        MonthlyBilling billing;
        try
        {
            billing = new MonthlyBilling(Rules, month);
        }
        catch (Exception e) when (e is ParameterNotInForceException or ArgumentException)
        {
            // Nothing to assess with: say which parameter, record nothing but the refusal.
            var refused = await StartRunAsync(month, startedBy, runId, "[]", cancellationToken);
            await FinishFailedAsync(refused.Id, e.Message, CancellationToken.None);
            return new AssessmentOutcome(refused.Id, refused.Month, refused.Version, AssessmentStatus.Failed, e.Message);
        }

        var run = await StartRunAsync(month, startedBy, runId, ParametersJson(Rules, month), cancellationToken);
        var watch = Stopwatch.StartNew();
        try
        {
            var deferred = await DeferredEmployersAsync(month, cancellationToken);
            var totals = await RunPipelineAsync(billing, deferred, store, run.Id, cancellationToken);
            await MakeCurrentAsync(run, totals, cancellationToken);
            metrics.Record(AssessmentStatus.Completed, totals.Employers, totals.Insured, watch.Elapsed);
            logger.LogInformation("Assessment {Month} v{Version}: {Employers} employers, {Insured} insured in {Seconds:F1} s", run.Month, run.Version, totals.Employers, totals.Insured, watch.Elapsed.TotalSeconds);
            await audit.RecordAsync(startedBy, AuditAction, $"assessment {month} v{run.Version}", JsonSerializer.Serialize(new
            {
                run = run.Id,
                month = month.ToString(),
                version = run.Version,
                rule_set = Rules.Name,
                rule_set_version = Rules.Version,
                employers = totals.Employers,
                insured = totals.Insured,
                employer_relief = Yuan(totals.EmployerRelief),
            }), CancellationToken.None);
            return new AssessmentOutcome(run.Id, run.Month, run.Version, AssessmentStatus.Completed, null);
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "Cancelled before it finished; nothing of it is visible." : e.Message;
            logger.LogError(e, "Assessment {Month} v{Version} failed", run.Month, run.Version);
            metrics.Record(AssessmentStatus.Failed, 0, 0, watch.Elapsed);
            await FinishFailedAsync(run.Id, message, CancellationToken.None);
            if (e is OperationCanceledException)
            {
                throw;
            }

            return new AssessmentOutcome(run.Id, run.Month, run.Version, AssessmentStatus.Failed, message);
        }
    }

    /// <summary>Every parameter the rule set has, as in force on the month's first day: what the run used, for the diff.</summary>
    public static string ParametersJson(ReliefRuleSet rules, YearMonth month)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var used = rules.Parameters.All
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (Parameter: p, Value: p.Find(month.FirstDay)))
            .Where(x => x.Value is not null)
            .Select(x => new UsedParameter(x.Parameter.Name, x.Value!.Written, x.Parameter.Unit.Name(), x.Value.FromWritten, x.Parameter.Citation))
            .ToList();
        return JsonSerializer.Serialize(used, UsedParameter.Json);
    }

    private async Task<AssessmentRun> StartRunAsync(YearMonth month, string startedBy, Guid? runId, string parametersJson, CancellationToken cancellationToken)
    {
        var version = (await db.AssessmentRuns.Where(r => r.Month == month).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0) + 1;
        var run = new AssessmentRun
        {
            Id = runId ?? Guid.NewGuid(),
            Month = month,
            Version = version,
            Status = AssessmentStatus.Running,
            RuleSetName = Rules.Name,
            RuleSetVersion = Rules.Version.Length > 64 ? Rules.Version[..64] : Rules.Version,
            ParametersJson = parametersJson,
            StartedBy = startedBy.Length > 256 ? startedBy[..256] : startedBy,
            StartedAt = clock.GetUtcNow(),
        };
        db.AssessmentRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return run;
    }

    /// <summary>
    /// Deletes the employer rows of superseded versions (completed, not current), keeping the newest
    /// <paramref name="keep"/> of them per month for diffs; each pruned run keeps its totals and the parameters it used and
    /// becomes <see cref="AssessmentStatus.Pruned"/>. Under the assessment lock, so no run starts meanwhile. About 615,000
    /// rows go per city version.
    /// </summary>
    public async Task<IReadOnlyList<(YearMonth Month, int Version)>> PruneAsync(YearMonth? month, int keep, string prunedBy, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        await using var store = AssessmentStore.Create(database, db);
        await store.LockAsync(cancellationToken);
        var completed = db.AssessmentRuns.AsNoTracking().Where(r => r.Status == AssessmentStatus.Completed && !r.IsCurrent);
        if (month is { } m)
        {
            completed = completed.Where(r => r.Month == m);
        }

        var superseded = await completed
            .Select(r => new { r.Id, r.Month, r.Version })
            .ToListAsync(cancellationToken);
        var pruned = superseded.GroupBy(r => r.Month)
            .SelectMany(g => g.OrderByDescending(r => r.Version).Skip(keep))
            .OrderBy(r => r.Month).ThenBy(r => r.Version)
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var run in pruned)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.EmployerAssessments.Where(a => a.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
            await db.AssessmentRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, AssessmentStatus.Pruned)
                    .SetProperty(r => r.Message, string.Create(CultureInfo.InvariantCulture, $"Employer rows pruned {now:yyyy-MM-dd HH:mm} UTC by {prunedBy}; totals and parameters kept.")),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (pruned.Count > 0)
        {
            await audit.RecordAsync(prunedBy, "relief.assess.prune", month is { } only ? $"assessment:{only}" : "assessment:all-months",
                string.Join(", ", pruned.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Month} v{r.Version}"))), CancellationToken.None);
        }

        return [.. pruned.Select(r => (r.Month, r.Version))];
    }

    /// <summary>Runs left running by a process that died: failed, and their rows gone (they were never visible).</summary>
    private async Task CleanUpInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        var interrupted = await db.AssessmentRuns.Where(r => r.Status == AssessmentStatus.Running).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in interrupted)
        {
            await db.EmployerAssessments.Where(a => a.RunId == id).ExecuteDeleteAsync(cancellationToken);
            await db.AssessmentRuns.Where(r => r.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, AssessmentStatus.Failed)
                    .SetProperty(r => r.IsCurrent, false)
                    .SetProperty(r => r.EmployersDone, 0)
                    .SetProperty(r => r.Message, "Interrupted (the process stopped before the run finished); its rows were removed."),
                cancellationToken);
            logger.LogWarning("Assessment run {RunId} was interrupted; cleaned up", id);
        }
    }

    private async Task<HashSet<string>> DeferredEmployersAsync(YearMonth month, CancellationToken cancellationToken)
    {
        var codes = await db.Deferrals.Where(d => d.RevokedAt == null && d.FirstMonth <= month && d.LastMonth >= month).Select(d => d.Uscc).ToListAsync(cancellationToken);
        return new HashSet<string>(codes, StringComparer.Ordinal);
    }

    /// <summary>
    /// The month billed by the shared engine (<see cref="SnapshotBilling"/>: the registry's snapshot, one worker per core),
    /// the progress written about once a second as the wages stream past; then one row per employer with insured,
    /// streamed to the store.
    /// </summary>
    private async Task<RunTotals> RunPipelineAsync(MonthlyBilling billing, HashSet<string> deferred, IAssessmentStore store, Guid runId, CancellationToken cancellationToken)
    {
        var watchStep = Stopwatch.StartNew();
        var lastProgress = Stopwatch.GetTimestamp();
        async Task AfterBlockAsync(int employersDone, CancellationToken token)
        {
            if (Stopwatch.GetElapsedTime(lastProgress) >= ProgressInterval)
            {
                lastProgress = Stopwatch.GetTimestamp();
                await db.AssessmentRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmployersDone, employersDone), token);
            }

            if (AfterBatch is not null)
            {
                await AfterBatch(employersDone, token);
            }
        }

        var billed = await SnapshotBilling.BillAsync(source, [billing], deferred, AfterBlockAsync, cancellationToken);
        var ledger = billed.Ledgers[0];
        var computed = watchStep.Elapsed;
        await store.WriteRowsAsync(runId, ledger, cancellationToken);
        logger.LogInformation(
            "Assessment {Month} steps: employers read {Employers:F1} s, wages read and billed {Wages:F1} s, rows written {Rows:F1} s",
            billing.Month, billed.EmployersRead.TotalSeconds, (computed - billed.EmployersRead).TotalSeconds, (watchStep.Elapsed - computed).TotalSeconds);
        return RunTotals.Of(ledger);
    }

    private async Task MakeCurrentAsync(AssessmentRun run, RunTotals totals, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AssessmentRuns.Where(r => r.Month == run.Month && r.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsCurrent, false), cancellationToken);
        var finished = clock.GetUtcNow();
        await db.AssessmentRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Status, AssessmentStatus.Completed)
                .SetProperty(r => r.IsCurrent, true)
                .SetProperty(r => r.FinishedAt, finished)
                .SetProperty(r => r.EmployersDone, totals.Employers)
                .SetProperty(r => r.Employers, totals.Employers)
                .SetProperty(r => r.Insured, totals.Insured)
                .SetProperty(r => r.EmployerDue, Yuan(totals.EmployerDue))
                .SetProperty(r => r.EmployerRelief, Yuan(totals.EmployerRelief))
                .SetProperty(r => r.EmployerPayable, Yuan(totals.EmployerPayable))
                .SetProperty(r => r.EmployeePayable, Yuan(totals.EmployeePayable))
                .SetProperty(r => r.Deferred, Yuan(totals.Deferred)),
            cancellationToken);
        // Told in the same transaction that makes the run current: a listener never hears of a run nobody can see.
        db.Publish(
            new AssessmentCompleted(run.Id, run.Month, run.Version, totals.Employers, totals.Insured, Yuan(totals.EmployerRelief), run.StartedBy),
            finished);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task FinishFailedAsync(Guid runId, string message, CancellationToken cancellationToken)
    {
        try
        {
            await db.EmployerAssessments.Where(a => a.RunId == runId).ExecuteDeleteAsync(cancellationToken);
            var finished = clock.GetUtcNow();
            await db.AssessmentRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, AssessmentStatus.Failed).SetProperty(r => r.IsCurrent, false)
                    .SetProperty(r => r.FinishedAt, finished).SetProperty(r => r.Message, message),
                cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Left running: the next run cleans it up.
            logger.LogError(e, "Could not mark assessment run {RunId} failed", runId);
        }
    }

    /// <summary>Sums over every employer of the run, in fen.</summary>
    private sealed class RunTotals
    {
        public int Employers { get; private set; }

        public int Insured { get; private set; }

        public long EmployerDue { get; private set; }

        public long EmployerRelief { get; private set; }

        public long EmployerPayable { get; private set; }

        public long EmployeePayable { get; private set; }

        public long Deferred { get; private set; }

        public static RunTotals Of(EmployerLedger ledger)
        {
            var totals = new RunTotals();
            for (var k = 0; k < ledger.Count; k++)
            {
                if (ledger.InsuredOf(k) == 0)
                {
                    continue;
                }

                var bill = ledger.Bill(k);
                totals.EmployerDue += EmployerLedger.Total(bill, MonthlyBilling.EmployerDue);
                totals.EmployerRelief += EmployerLedger.Total(bill, MonthlyBilling.EmployerRelief);
                totals.EmployerPayable += EmployerLedger.Total(bill, MonthlyBilling.EmployerPayable);
                totals.EmployeePayable += EmployerLedger.Total(bill, MonthlyBilling.EmployeePayable);

                totals.Insured += ledger.InsuredOf(k);
                totals.Deferred += ledger.Deferred(k);
                totals.Employers++;
            }

            return totals;
        }
    }
}

/// <summary>A parameter as a run used it (stored in <see cref="AssessmentRun.ParametersJson"/>).</summary>
internal sealed record UsedParameter(string Name, string Value, string Unit, string From, string Source)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<UsedParameter> Parse(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<UsedParameter>>(json, Json) ?? [];
}
