using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Platform.Audit;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// The yearly refund batch (issue 9 §5): every registered employer's result from the registry's contribution history,
/// one row per employer and year. The year's rows are replaced in one transaction (a crash leaves the previous run's
/// rows standing; re-running gives identical rows). Streams: one employer in memory at a time; on PostgreSQL the rows go
/// out by binary COPY inside the transaction.
/// </summary>
internal sealed class RefundBatch(PaymentsDbContext db, IContributionHistory history, IReliefCategories categories, IAuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "payments.refunds.assess";
    private const long LockKey = 0x5246_4E44_0000; // "RFND" + year

    /// <param name="progress">Told the number of employers done every 10,000 (a job's progress).</param>
    /// <exception cref="Wenjiu.Platform.Rules.ParameterNotInForceException">No refund rules for the year.</exception>
    public async Task<RefundRun> AssessAsync(int year, string by, Func<long, CancellationToken, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = RefundParameters.For(year);
        var run = new RefundRun { Year = year, Status = RefundRunStatus.Running, RulesVersion = p.Version, StartedBy = by, StartedAt = clock.GetUtcNow() };
        db.RefundRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var (employers, eligible, refund) = await ReplaceYearAsync(run.Id, p, progress, cancellationToken);
            run.Status = RefundRunStatus.Completed;
            run.Employers = employers;
            run.Eligible = eligible;
            run.Refund = refund;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            run.Status = RefundRunStatus.Failed;
            run.Message = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            db.RefundRuns.Update(run);
            run.CompletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        run.CompletedAt = clock.GetUtcNow();
        await db.RefundRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, run.Status).SetProperty(r => r.Employers, run.Employers).SetProperty(r => r.Eligible, run.Eligible)
            .SetProperty(r => r.Refund, run.Refund).SetProperty(r => r.CompletedAt, run.CompletedAt), cancellationToken);
        await audit.RecordAsync(by, AuditAction, string.Create(CultureInfo.InvariantCulture, $"refunds {year}"),
            string.Create(CultureInfo.InvariantCulture, $"{{\"run\":{run.Id},\"employers\":{run.Employers},\"eligible\":{run.Eligible},\"refund\":\"{run.Refund:0.00}\",\"rules\":\"{run.RulesVersion}\"}}"), CancellationToken.None);
        return run;
    }

    private async Task<(int Employers, int Eligible, decimal Refund)> ReplaceYearAsync(long runId, RefundParameters p, Func<long, CancellationToken, Task>? progress, CancellationToken cancellationToken)
    {
        // On PostgreSQL the rows go out on a connection of their own: the registry's history may stream on the scope's.
        var postgres = db.Database.IsNpgsql();
        await using var own = postgres ? new NpgsqlConnection(db.Database.GetConnectionString()) : null;
        if (own is not null)
        {
            await own.OpenAsync(cancellationToken);
        }

        await using var transaction = own is not null ? (System.Data.Common.DbTransaction)await own.BeginTransactionAsync(cancellationToken) : null;
        await using var efTransaction = own is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var table = db.Model.FindEntityType(typeof(RefundResultRow))!.GetSchemaQualifiedTableName()!;
        if (own is not null)
        {
            // Two runs of one year take turns: each replaces the whole year.
            await using (var command = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockKey + p.Year}); DELETE FROM {Quoted(table)} WHERE year = {p.Year}"), own))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        else
        {
            await db.RefundResults.Where(r => r.Year == p.Year).ExecuteDeleteAsync(cancellationToken);
        }

        await using IRowWriter writer = own is not null ? await CopyWriter.OpenAsync(own, Quoted(table), cancellationToken) : new ContextWriter(db);
        int employers = 0, eligible = 0;
        var refund = 0m;
        await foreach (var employer in history.ReadAsync(p.FirstMonth, p.LastMonth, p.BaselineMonth, p.LastMonth, cancellationToken))
        {
            var result = RefundRules.Judge(employer, categories.CategoryOf(employer.Uscc, employer.PolicySizeClass), p, explain: false);
            await writer.WriteAsync(Row(p.Year, runId, employer, result), cancellationToken);
            employers++;
            if (result.Eligible)
            {
                eligible++;
                refund += result.Refund;
            }

            if (progress is not null && employers % 10_000 == 0)
            {
                await progress(employers, cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
        await writer.DisposeAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (efTransaction is not null)
        {
            await efTransaction.CommitAsync(cancellationToken);
        }

        return (employers, eligible, refund);
    }

    private static string Quoted(string table) => string.Join('.', table.Split('.').Select(t => $"\"{t}\""));

    internal static RefundResultRow Row(int year, long runId, EmployerContributions employer, RefundResult result) => new()
    {
        Year = year,
        Uscc = employer.Uscc,
        RunId = runId,
        District = employer.District,
        Industry = employer.Industry,
        Category = RefundRules.CategoryCode(result.Category),
        Eligible = result.Eligible,
        Reason = result.Reason,
        Months = string.Join(',', result.Months),
        InsuredAtBaseline = result.InsuredAtBaseline,
        InsuredAtYearEnd = result.InsuredAtYearEnd,
        LayoffRate = result.LayoffRateRounded,
        FewerSeparations = result.FewerSeparations,
        UnemploymentPaid = result.UnemploymentPaid,
        Refund = result.Refund,
    };

    private interface IRowWriter : IAsyncDisposable
    {
        ValueTask WriteAsync(RefundResultRow row, CancellationToken cancellationToken);

        Task CompleteAsync(CancellationToken cancellationToken);
    }

    /// <summary>PostgreSQL: binary COPY on the context's connection, so inside its transaction.</summary>
    private sealed class CopyWriter(NpgsqlBinaryImporter importer) : IRowWriter
    {
        public static async Task<CopyWriter> OpenAsync(NpgsqlConnection connection, string quoted, CancellationToken cancellationToken)
        {
            var importer = await connection.BeginBinaryImportAsync(
                $"COPY {quoted} (year, uscc, run_id, district, industry, category, eligible, reason, months, insured_at_baseline, insured_at_year_end, layoff_rate, fewer_separations, unemployment_paid, refund) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            return new CopyWriter(importer);
        }

        // Synchronous writes on purpose (as the registry's reads): 615,000 rows of 15 columns, where an awaited write per
        // column costs more than the write; a write blocks only when the buffer is full.
        public ValueTask WriteAsync(RefundResultRow row, CancellationToken cancellationToken)
        {
            importer.StartRow();
            importer.Write(row.Year, NpgsqlDbType.Integer);
            importer.Write(row.Uscc, NpgsqlDbType.Varchar);
            importer.Write(row.RunId, NpgsqlDbType.Bigint);
            importer.Write(row.District, NpgsqlDbType.Varchar);
            importer.Write(row.Industry, NpgsqlDbType.Varchar);
            importer.Write(row.Category, NpgsqlDbType.Varchar);
            importer.Write(row.Eligible, NpgsqlDbType.Boolean);
            Nullable(row.Reason, NpgsqlDbType.Varchar);
            importer.Write(row.Months, NpgsqlDbType.Varchar);
            importer.Write(row.InsuredAtBaseline, NpgsqlDbType.Integer);
            importer.Write(row.InsuredAtYearEnd, NpgsqlDbType.Integer);
            Nullable(row.LayoffRate, NpgsqlDbType.Numeric);
            Nullable(row.FewerSeparations, NpgsqlDbType.Integer);
            importer.Write(row.UnemploymentPaid, NpgsqlDbType.Numeric);
            importer.Write(row.Refund, NpgsqlDbType.Numeric);
            return ValueTask.CompletedTask;
        }

        public async Task CompleteAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => importer.DisposeAsync();

        private void Nullable<T>(T? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, type);
            }
        }
    }

    /// <summary>SQLite (one writer, small cities): the context in chunks, its tracker cleared between them.</summary>
    private sealed class ContextWriter(PaymentsDbContext db) : IRowWriter
    {
        private const int Chunk = 2_000;
        private readonly List<RefundResultRow> rows = new(Chunk);

        public async ValueTask WriteAsync(RefundResultRow row, CancellationToken cancellationToken)
        {
            rows.Add(row);
            if (rows.Count == Chunk)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return;
            }

            db.RefundResults.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            rows.Clear();
        }
    }
}
