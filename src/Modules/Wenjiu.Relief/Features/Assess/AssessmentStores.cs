using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Database;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using static Wenjiu.Relief.Billing.MonthlyBilling;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>Where an assessment's employer rows go, and the lock that lets one assessment run at a time.</summary>
internal interface IAssessmentStore : IAsyncDisposable
{
    /// <summary>
    /// Waits until no other assessment runs (in this process or, on PostgreSQL, on any node). While it is held, a run
    /// still marked running is one whose process died: safe to clean up.
    /// </summary>
    Task LockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes one row per employer with insured under <paramref name="runId"/> and makes them durable (still invisible:
    /// readers look at current runs only). A failure part-way may leave some rows; the run is then failed and its rows
    /// deleted, by this run or, after a crash, by the next.
    /// </summary>
    Task WriteRowsAsync(Guid runId, EmployerLedger ledger, CancellationToken cancellationToken);
}

internal static class AssessmentStore
{
    public static IAssessmentStore Create(DatabaseOptions database, ReliefDbContext db) =>
        database.IsPostgres ? new PostgresAssessmentStore(database.ConnectionString) : new SqliteAssessmentStore(db);

    public static EmployerAssessment Row(Guid runId, EmployerLedger ledger, int k)
    {
        var e = ledger.Employers[k];
        var b = ledger.Bill(k);
        return new EmployerAssessment
        {
            RunId = runId,
            Uscc = e.Uscc,
            Category = ledger.Categories[k].Code(),
            ReportClass = ledger.ReportClasses[k],
            SizeClass = ledger.SizeClasses[k],
            District = e.District,
            Industry = e.Industry,
            Insured = ledger.InsuredOf(k),
            PensionEmployerDue = Yuan(b[0]),
            PensionEmployerRelief = Yuan(b[1]),
            PensionEmployerPayable = Yuan(b[2]),
            PensionEmployeePayable = Yuan(b[3]),
            UnemploymentEmployerDue = Yuan(b[4]),
            UnemploymentEmployerRelief = Yuan(b[5]),
            UnemploymentEmployerPayable = Yuan(b[6]),
            UnemploymentEmployeePayable = Yuan(b[7]),
            WorkInjuryEmployerDue = Yuan(b[8]),
            WorkInjuryEmployerRelief = Yuan(b[9]),
            WorkInjuryEmployerPayable = Yuan(b[10]),
            WorkInjuryEmployeePayable = Yuan(b[11]),
            MedicalEmployerDue = Yuan(b[12]),
            MedicalEmployerRelief = Yuan(b[13]),
            MedicalEmployerPayable = Yuan(b[14]),
            MedicalEmployeePayable = Yuan(b[15]),
            MaternityEmployerDue = Yuan(b[16]),
            MaternityEmployerRelief = Yuan(b[17]),
            MaternityEmployerPayable = Yuan(b[18]),
            MaternityEmployeePayable = Yuan(b[19]),
            Deferred = Yuan(ledger.Deferred(k)),
        };
    }
}

/// <summary>
/// PostgreSQL: the rows stream by one binary COPY straight into <c>relief.employer_assessments</c> on a connection of
/// their own: one statement, so a crash leaves either all of them (under a run still marked running, which the next
/// run deletes) or none. A session advisory lock, held on another connection, serialises assessments across nodes and
/// dies with the process.
/// </summary>
internal sealed class PostgresAssessmentStore(string connectionString) : IAssessmentStore
{
    private const long AssessmentLockKey = 0x5245_4C49_4546; // "RELIEF"

    private const string Copy = """
        COPY relief.employer_assessments (run_id, uscc, category, report_class, size_class, district, industry, insured,
            pension_employer_due, pension_employer_relief, pension_employer_payable, pension_employee_payable,
            unemployment_employer_due, unemployment_employer_relief, unemployment_employer_payable, unemployment_employee_payable,
            work_injury_employer_due, work_injury_employer_relief, work_injury_employer_payable, work_injury_employee_payable,
            medical_employer_due, medical_employer_relief, medical_employer_payable, medical_employee_payable,
            maternity_employer_due, maternity_employer_relief, maternity_employer_payable, maternity_employee_payable,
            deferred) FROM STDIN (FORMAT BINARY)
        """;

    private readonly string ownConnection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;
    private NpgsqlConnection? lockConnection;

    public async Task LockAsync(CancellationToken cancellationToken)
    {
        lockConnection = new NpgsqlConnection(ownConnection);
        await lockConnection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({AssessmentLockKey})", lockConnection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Two COPY streams on two connections, each a half of the employers in code order (so both indexes grow at their
    /// ends): the database parses numbers on two backends while this process encodes them on two threads.
    /// </summary>
    public async Task WriteRowsAsync(Guid runId, EmployerLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        const int Streams = 2;
        var bounds = Enumerable.Range(0, Streams + 1).Select(i => (int)((long)ledger.Count * i / Streams)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(i => Task.Run(() => CopyAsync(runId, ledger, bounds[i], bounds[i + 1], cancellationToken), cancellationToken)));
    }

    private async Task CopyAsync(Guid runId, EmployerLedger ledger, int from, int to, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownConnection);
        await connection.OpenAsync(cancellationToken);

        // Disposing an unfinished COPY cancels it: none of its rows stay.
        await using var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        for (var k = from; k < to; k++)
        {
            if (ledger.InsuredOf(k) == 0)
            {
                continue;
            }

            if ((k & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var e = ledger.Employers[k];
            copy.StartRow();
            copy.Write(runId, NpgsqlDbType.Uuid);
            copy.Write(e.Uscc, NpgsqlDbType.Varchar);
            copy.Write(ledger.Categories[k].Code(), NpgsqlDbType.Varchar);
            copy.Write(ledger.ReportClasses[k], NpgsqlDbType.Varchar);
            if (ledger.SizeClasses[k] is { } sizeClass)
            {
                copy.Write(sizeClass, NpgsqlDbType.Varchar);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(e.District, NpgsqlDbType.Varchar);
            copy.Write(e.Industry, NpgsqlDbType.Varchar);
            copy.Write(ledger.InsuredOf(k), NpgsqlDbType.Integer);
            var bill = ledger.Bill(k);
            for (var f = 0; f < Width; f++)
            {
                copy.Write(Yuan(bill[f]), NpgsqlDbType.Numeric);
            }

            copy.Write(Yuan(ledger.Deferred(k)), NpgsqlDbType.Numeric);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (lockConnection is not null)
        {
            await lockConnection.DisposeAsync();
        }
    }
}

/// <summary>SQLite (the embedded demo): rows inserted in batches; the lock is this process's, the only writer SQLite has.</summary>
internal sealed class SqliteAssessmentStore(ReliefDbContext db) : IAssessmentStore
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private bool locked;

    public async Task LockAsync(CancellationToken cancellationToken)
    {
        await Lock.WaitAsync(cancellationToken);
        locked = true;
    }

    public async Task WriteRowsAsync(Guid runId, EmployerLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        const int Chunk = 1_000;
        for (var from = 0; from < ledger.Count; from += Chunk)
        {
            for (var k = from; k < Math.Min(ledger.Count, from + Chunk); k++)
            {
                if (ledger.InsuredOf(k) > 0)
                {
                    db.EmployerAssessments.Add(AssessmentStore.Row(runId, ledger, k));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (locked)
        {
            Lock.Release();
            locked = false;
        }

        return ValueTask.CompletedTask;
    }
}
