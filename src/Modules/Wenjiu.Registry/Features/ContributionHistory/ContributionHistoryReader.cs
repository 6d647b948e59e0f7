using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Money;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Data;

namespace Wenjiu.Registry.Features.ContributionHistory;

/// <summary>
/// The registry's side of <see cref="IContributionHistory"/>. Three ordered reads — employers, their contribution
/// months, their headcounts at the two month-ends — each a single statement in code order, merged here employer by
/// employer as they stream: nothing is gathered beyond the employer in hand. On PostgreSQL each read is a binary COPY
/// on its own connection, the three sharing one snapshot (<c>pg_export_snapshot</c>), so they run side by side and
/// agree with each other; on SQLite three readers on one connection inside one read transaction.
/// </summary>
internal sealed class ContributionHistoryReader(RegistryDbContext db, DatabaseOptions database) : IContributionHistory
{
    /// <summary>The end month of a spell still open, for the comparisons in SQL (months are yyyymm numbers).</summary>
    private const int OpenEnd = 999912;

    public IAsyncEnumerable<EmployerContributions> ReadAsync(
        YearMonth firstMonth, YearMonth lastMonth, YearMonth baselineMonth, YearMonth yearEndMonth, CancellationToken cancellationToken = default)
    {
        if (lastMonth < firstMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(lastMonth), lastMonth, "The last month cannot be before the first.");
        }

        var range = new Range(firstMonth, lastMonth, baselineMonth, yearEndMonth);
        return database.IsPostgres ? ReadPostgresAsync(range, cancellationToken) : ReadSqliteAsync(range, cancellationToken);
    }

    public async Task<EmployerContributions?> FindAsync(
        string uscc, YearMonth firstMonth, YearMonth lastMonth, YearMonth baselineMonth, YearMonth yearEndMonth, CancellationToken cancellationToken = default)
    {
        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken);
        if (employer is null)
        {
            return null;
        }

        var months = await db.Contributions.AsNoTracking()
            .Where(c => c.EmployerUscc == uscc && c.Month >= firstMonth && c.Month <= lastMonth)
            .OrderBy(c => c.Month)
            .ToListAsync(cancellationToken);
        return new EmployerContributions(
            employer.Uscc, employer.Industry, employer.District, employer.PolicySizeClass,
            await HeadcountAsync(uscc, baselineMonth, cancellationToken),
            await HeadcountAsync(uscc, yearEndMonth, cancellationToken),
            [.. months.Select(c => new ContributionMonth(c.Month, c.Insured, c.Due, c.Paid, c.UnemploymentPaid, c.PaidOn))]);
    }

    private Task<int> HeadcountAsync(string uscc, YearMonth month, CancellationToken cancellationToken) =>
        db.EmploymentSpells.AsNoTracking()
            .Where(s => s.EmployerUscc == uscc && s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
            .Select(s => s.PersonId).Distinct().CountAsync(cancellationToken);

    /// <summary>The months asked for, as the yyyymm numbers the tables hold (numbers only: safe to write into COPY, which takes no parameters).</summary>
    private sealed record Range(YearMonth First, YearMonth Last, YearMonth Baseline, YearMonth YearEnd)
    {
        public string Sql(string text) => text
            .Replace("{first}", First.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{last}", Last.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{baseline}", Baseline.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{year_end}", YearEnd.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{open}", OpenEnd.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // The three reads, with {schema} the tables' prefix. Each is in code order (the database's collation, not necessarily
    // ordinal, the same in the three). Every row of the months and headcounts belongs to a registered employer: the
    // imports refuse a contribution month or a spell of an employer not registered (employer_not_registered,
    // employer_unknown) and nothing deletes an employer. So the merge only compares codes for equality, and the reads
    // need no join to the employers (at city scale a join over 7 million months and 20 million spells); should a row of
    // an unregistered employer ever be there, it is left over when the employers end and the read fails naming it.
    private const string EmployersSql =
        "SELECT uscc, industry, district, coalesce(objection_size_class, published_size_class, size_class) FROM {schema}employers ORDER BY uscc";

    // Amounts numeric(14,2) in fen as integers: exact, and far cheaper to decode than numerics.
    private const string MonthsSql = """
        SELECT c.employer_uscc, c.month, c.insured, CAST(round(c.due * 100) AS bigint), CAST(round(c.paid * 100) AS bigint),
            CAST(round(c.unemployment_paid * 100) AS bigint), c.paid_on
        FROM {schema}contributions c
        WHERE c.month >= {first} AND c.month <= {last}
        ORDER BY c.employer_uscc, c.month
        """;

    // Two spells of one person at one employer never overlap (the import refuses it, interchange.md), so at most one
    // covers a month: counting spells counts distinct persons, without the sort a count(DISTINCT …) would need.
    private const string HeadcountsSql = """
        SELECT s.employer_uscc,
            CAST(sum(CASE WHEN s.start_month <= {baseline} AND coalesce(s.end_month, {open}) >= {baseline} THEN 1 ELSE 0 END) AS integer),
            CAST(sum(CASE WHEN s.start_month <= {year_end} AND coalesce(s.end_month, {open}) >= {year_end} THEN 1 ELSE 0 END) AS integer)
        FROM {schema}employment_spells s
        WHERE ((s.start_month <= {baseline} AND coalesce(s.end_month, {open}) >= {baseline})
            OR (s.start_month <= {year_end} AND coalesce(s.end_month, {open}) >= {year_end}))
        GROUP BY s.employer_uscc
        ORDER BY s.employer_uscc
        """;

    private async IAsyncEnumerable<EmployerContributions> ReadPostgresAsync(Range range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string Sql(string text) => range.Sql(text.Replace("{schema}", "registry.", StringComparison.Ordinal));

        // Own physical connections with no command timeout: the whole city streams for tens of seconds.
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString() ?? database.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;
        await using var employersConnection = new NpgsqlConnection(connectionString);
        await using var monthsConnection = new NpgsqlConnection(connectionString);
        await using var headcountsConnection = new NpgsqlConnection(connectionString);
        await Task.WhenAll(employersConnection.OpenAsync(cancellationToken), monthsConnection.OpenAsync(cancellationToken), headcountsConnection.OpenAsync(cancellationToken));
        await using var employersTransaction = await employersConnection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string snapshot;
        await using (var export = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot()", employersConnection, employersTransaction))
        {
            snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var monthsTransaction = await JoinAsync(monthsConnection, snapshot, cancellationToken);
        await using var headcountsTransaction = await JoinAsync(headcountsConnection, snapshot, cancellationToken);

        // The headcounts group 20 million spells by 615,000 employers. Grouped by a hash, nothing comes out before every
        // spell is read (seconds in which the merge, waiting for the first employer's headcount, holds the months' read
        // still); walked along the spells' (employer, start) index they stream from the first employer on, in step with
        // the other two reads (bench/refunds). Settings local to this read-only transaction.
        await using (var memory = new NpgsqlCommand("SET LOCAL enable_hashagg = off; SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0", headcountsConnection, headcountsTransaction))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var employers = await employersConnection.BeginBinaryExportAsync($"COPY ({Sql(EmployersSql)}) TO STDOUT (FORMAT BINARY)", cancellationToken);
        await using var months = await monthsConnection.BeginBinaryExportAsync($"COPY ({Sql(MonthsSql)}) TO STDOUT (FORMAT BINARY)", cancellationToken);
        await using var headcounts = await headcountsConnection.BeginBinaryExportAsync($"COPY ({Sql(HeadcountsSql)}) TO STDOUT (FORMAT BINARY)", cancellationToken);

        // Synchronous reads on purpose (as InsuredEmploymentSource): millions of small rows, where an awaited read per
        // column costs more than the read; a read blocks only when the buffer is empty.
        var merge = new Merge(
            () => employers.StartRow() == -1 ? null : new EmployerRow(employers.Read<string>(), employers.Read<string>(), employers.Read<string>(), employers.Read<string>()),
            () => months.StartRow() == -1 ? null : new MonthRow(
                months.Read<string>(),
                new ContributionMonth(
                    YearMonth.FromNumber(months.Read<int>(NpgsqlDbType.Integer)),
                    months.Read<int>(NpgsqlDbType.Integer),
                    Fen.ToYuan(months.Read<long>(NpgsqlDbType.Bigint)),
                    Fen.ToYuan(months.Read<long>(NpgsqlDbType.Bigint)),
                    Fen.ToYuan(months.Read<long>(NpgsqlDbType.Bigint)),
                    months.IsNull ? Skip(months) : months.Read<DateOnly>(NpgsqlDbType.Date))),
            () => headcounts.StartRow() == -1 ? null : new HeadcountRow(headcounts.Read<string>(), headcounts.Read<int>(NpgsqlDbType.Integer), headcounts.Read<int>(NpgsqlDbType.Integer)));
        while (merge.Next(cancellationToken) is { } employer)
        {
            yield return employer;
        }
    }

    private static DateOnly? Skip(NpgsqlBinaryExporter export)
    {
        export.Skip();
        return null;
    }

    private static async Task<NpgsqlTransaction> JoinAsync(NpgsqlConnection connection, string snapshot, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        // The snapshot id comes from the server (e.g. 00000003-0000001B-1), not from a caller.
        await using var command = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "", StringComparison.Ordinal)}'", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private async IAsyncEnumerable<EmployerContributions> ReadSqliteAsync(Range range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string Sql(string text) => range.Sql(text.Replace("{schema}", "registry_", StringComparison.Ordinal));

        // Its own connection: one read transaction holds the three readers to one snapshot of the database.
        await using var connection = new SqliteConnection(db.Database.GetConnectionString() ?? database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var employers = await ReaderAsync(connection, transaction, Sql(EmployersSql), cancellationToken);
        await using var months = await ReaderAsync(connection, transaction, Sql(MonthsSql), cancellationToken);
        await using var headcounts = await ReaderAsync(connection, transaction, Sql(HeadcountsSql), cancellationToken);
        var merge = new Merge(
            () => employers.Read() ? new EmployerRow(employers.GetString(0), employers.GetString(1), employers.GetString(2), employers.GetString(3)) : null,
            () => months.Read()
                ? new MonthRow(
                    months.GetString(0),
                    new ContributionMonth(
                        YearMonth.FromNumber(months.GetInt32(1)),
                        months.GetInt32(2),
                        Fen.ToYuan(months.GetInt64(3)),
                        Fen.ToYuan(months.GetInt64(4)),
                        Fen.ToYuan(months.GetInt64(5)),
                        months.IsDBNull(6) ? null : DateOnly.ParseExact(months.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture)))
                : null,
            () => headcounts.Read() ? new HeadcountRow(headcounts.GetString(0), headcounts.GetInt32(1), headcounts.GetInt32(2)) : null);
        while (merge.Next(cancellationToken) is { } employer)
        {
            yield return employer;
        }
    }

    private static async Task<DbDataReader> ReaderAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default, cancellationToken);
    }

    private sealed record EmployerRow(string Uscc, string Industry, string District, string SizeClass);

    private sealed record MonthRow(string Uscc, ContributionMonth Month);

    private sealed record HeadcountRow(string Uscc, int AtBaseline, int AtYearEnd);

    /// <summary>Walks the three ordered reads together: each employer takes the months and the headcounts with its code.</summary>
    private sealed class Merge(Func<EmployerRow?> nextEmployer, Func<MonthRow?> nextMonth, Func<HeadcountRow?> nextHeadcount)
    {
        // Industries, districts and size classes are a few dozen values: one string each instead of 615,000 copies.
        private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SizeClass> sizeClasses = Enum.GetValues<SizeClass>().ToDictionary(c => c.ToString(), c => c, StringComparer.Ordinal);
        private MonthRow? month;
        private HeadcountRow? headcount;
        private bool started;
        private long read;

        public EmployerContributions? Next(CancellationToken cancellationToken)
        {
            if (!started)
            {
                (month, headcount, started) = (nextMonth(), nextHeadcount(), true);
            }

            if (nextEmployer() is not { } employer)
            {
                // Left over: a row whose code no employer had (see the reads' note): fail rather than drop it.
                var orphan = month?.Uscc ?? headcount?.Uscc;
                return orphan is null
                    ? null
                    : throw new InvalidOperationException($"The registry holds contributions or spells of an employer that is not registered ({orphan}), or the reads' orders differ.");
            }

            var months = new List<ContributionMonth>(12);
            while (month is not null && string.Equals(month.Uscc, employer.Uscc, StringComparison.Ordinal))
            {
                months.Add(month.Month);
                month = nextMonth();
            }

            var (atBaseline, atYearEnd) = (0, 0);
            if (headcount is not null && string.Equals(headcount.Uscc, employer.Uscc, StringComparison.Ordinal))
            {
                (atBaseline, atYearEnd) = (headcount.AtBaseline, headcount.AtYearEnd);
                headcount = nextHeadcount();
            }

            if (++read % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new EmployerContributions(
                employer.Uscc, Shared(employer.Industry), Shared(employer.District), sizeClasses[employer.SizeClass], atBaseline, atYearEnd, months);
        }

        private string Shared(string value) => shared.TryGetValue(value, out var known) ? known : shared[value] = value;
    }
}
