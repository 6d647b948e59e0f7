using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.InsuredEmployment;

/// <summary>
/// The registry's side of <see cref="IInsuredEmploymentSource"/>. On PostgreSQL both reads run by binary COPY on one
/// connection inside one repeatable-read, read-only transaction, so the employer positions the wages carry are those of
/// the employer stream; the wages come off a sequential scan joined to the numbered employers (a hash join: no sort of
/// the spells). On SQLite a plain reader. Rows are handed on in blocks as they are read; nothing accumulates here.
/// One employer's reads are plain queries on either database.
/// </summary>
internal sealed class InsuredEmploymentSource(RegistryDbContext db, DatabaseOptions database, PersonalDataProtector personalData) : IInsuredEmploymentSource
{
    /// <summary>Spells per block: small enough to stay off the large-object heap, large enough to amortise the hand-over.</summary>
    internal const int BlockSize = 8_192;

    // The spells' months are yyyymm numbers in the tables (YearMonth.Number): EF compares them through the converter,
    // the COPY statements below write the numbers themselves.
    public async Task<IInsuredMonth> OpenMonthAsync(YearMonth month, CancellationToken cancellationToken = default) =>
        await OpenAsync(month, month, cancellationToken);

    public async Task<IInsuredMonths> OpenMonthsAsync(YearMonth firstMonth, YearMonth lastMonth, CancellationToken cancellationToken = default)
    {
        if (lastMonth < firstMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(lastMonth), lastMonth, "The last month cannot be before the first.");
        }

        return await OpenAsync(firstMonth, lastMonth, cancellationToken);
    }

    private async Task<MonthRead> OpenAsync(YearMonth first, YearMonth last, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return new SqliteMonth(db, first, last);
        }

        // Its own physical connection with no command timeout: a city month streams for several seconds.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            return new PostgresMonth(connection, transaction, first, last);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<RegisteredEmployer?> FindEmployerAsync(string uscc, CancellationToken cancellationToken = default)
    {
        var e = await db.Employers.AsNoTracking().FirstOrDefaultAsync(x => x.Uscc == uscc, cancellationToken);
        return e is null ? null : new RegisteredEmployer(e.Name, Facts(e));
    }

    public async Task<IReadOnlyDictionary<string, string>> FindNamesAsync(IReadOnlyCollection<string> usccs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usccs);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        // In chunks, so a long list never becomes one statement with thousands of parameters (SQLite's limit is 32,766).
        foreach (var chunk in usccs.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.Employers.AsNoTracking().Where(e => chunk.Contains(e.Uscc)).Select(e => new { e.Uscc, e.Name }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                names[row.Uscc] = row.Name;
            }
        }

        return names;
    }

    public async Task<IReadOnlyList<InsuredPersonWage>> ReadEmployeesAsync(string uscc, YearMonth yearMonth, CancellationToken cancellationToken = default)
    {
        var month = yearMonth;
        // A left join: the assessment bills every active spell, so the lines must not lose one whose person is missing
        // (the importer writes both, but nothing in the schema enforces it).
        var spells = await (
            from s in db.EmploymentSpells.AsNoTracking()
            where s.EmployerUscc == uscc && s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month)
            join p in db.Persons.AsNoTracking() on s.PersonId equals p.Id into persons
            from p in persons.DefaultIfEmpty()
            orderby s.PersonId, s.StartMonth
            select new { s.PersonId, s.StartMonth, s.Wage, Name = p == null ? null : p.Name, Cipher = p == null ? null : p.IdNumberCipher })
            .ToListAsync(cancellationToken);

        // Decrypted only to be masked on the spot: nothing in clear leaves the registry, so this is not an audited view.
        return spells.Select(s => new InsuredPersonWage(
            s.PersonId,
            s.StartMonth,
            s.Wage,
            s.Name is null ? "" : Masking.Name(s.Name),
            s.Cipher is null ? "" : Masking.IdentityNumber(personalData.Decrypt(s.Cipher)))).ToList();
    }

    /// <summary>
    /// The class billed by is the one in force for the policy period (relief-rules.md: fixed for the period, moved only
    /// by an upheld objection), not the one the current facts would give.
    /// </summary>
    private static InsuredEmployer Facts(Employer e) => new(e.Uscc, e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets, e.InjuryRate, e.PolicySizeClass);

    /// <summary>
    /// One read of the months <c>first</c> to <c>last</c>: a single month's wages (<see cref="IInsuredMonth"/>, first =
    /// last) or a range's spells with their months (<see cref="IInsuredMonths"/>), after the employers either way.
    /// </summary>
    private abstract class MonthRead(YearMonth first, YearMonth last) : IInsuredMonth, IInsuredMonths
    {
        protected YearMonth First { get; } = first;

        protected YearMonth Last { get; } = last;

        public abstract IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync(CancellationToken cancellationToken = default);

        public abstract IAsyncEnumerable<InsuredWages> ReadWagesAsync(CancellationToken cancellationToken = default);

        public abstract IAsyncEnumerable<InsuredSpells> ReadSpellsAsync(CancellationToken cancellationToken = default);

        public abstract ValueTask DisposeAsync();

        /// <summary>The offsets from the range's first month of the first and last months a spell is active in.</summary>
        protected (int From, int To) Offsets(YearMonth startMonth, YearMonth? endMonth)
        {
            var first = First.Ordinal;
            return (Math.Max(startMonth.Ordinal, first) - first, Math.Min((endMonth ?? Last).Ordinal, Last.Ordinal) - first);
        }

        /// <summary>The month a single-month read was opened for.</summary>
        protected YearMonth Month => First == Last ? First : throw new InvalidOperationException("Wages are read one month at a time: open the month with OpenMonthAsync.");
    }

    private sealed class PostgresMonth(NpgsqlConnection connection, NpgsqlTransaction transaction, YearMonth first, YearMonth last) : MonthRead(first, last)
    {
        // Both statements number the employers the same way (code order); the snapshot keeps the numbering fixed.
        // The size class is the one in force for the policy period (Employer.PolicySizeClass).
        private const string Employers = """
            SELECT uscc, industry, district, employees, revenue, total_assets, injury_rate, coalesce(objection_size_class, published_size_class, size_class)
            FROM registry.employers ORDER BY uscc
            """;

        public override async IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await using var export = await connection.BeginBinaryExportAsync($"COPY ({Employers}) TO STDOUT (FORMAT BINARY)", cancellationToken);

            // Industries, districts and size classes are a few dozen values: one string each instead of 615,000 copies.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string value) => shared.TryGetValue(value, out var known) ? known : shared[value] = value;
            var sizeClasses = Enum.GetValues<SizeClass>().ToDictionary(c => c.ToString(), c => c, StringComparer.Ordinal);
            while (ReadEmployer(export, Shared, sizeClasses, cancellationToken) is { } employer)
            {
                yield return employer;
            }
        }

        public override async IAsyncEnumerable<InsuredWages> ReadWagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            // COPY takes no parameters; the month is an integer checked on opening. Wages are numeric(12,2): × 100 is exact.
            var month = Month.Number;
            var sql = string.Create(CultureInfo.InvariantCulture, $"""
                COPY (SELECT e.position, (s.wage * 100)::bigint
                      FROM registry.employment_spells s
                      JOIN (SELECT uscc, (row_number() OVER (ORDER BY uscc) - 1)::integer AS position FROM registry.employers) e ON e.uscc = s.employer_uscc
                      WHERE s.start_month <= {month} AND (s.end_month IS NULL OR s.end_month >= {month})) TO STDOUT (FORMAT BINARY)
                """);
            await using var export = await connection.BeginBinaryExportAsync(sql, cancellationToken);
            while (ReadBlock(export, cancellationToken) is { } block)
            {
                yield return block;
            }
        }

        public override async IAsyncEnumerable<InsuredSpells> ReadSpellsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            // The same scan and join as one month's wages, over the whole range at once, with each spell's months.
            var sql = string.Create(CultureInfo.InvariantCulture, $"""
                COPY (SELECT e.position, (s.wage * 100)::bigint, s.start_month, coalesce(s.end_month, {Last.Number})
                      FROM registry.employment_spells s
                      JOIN (SELECT uscc, (row_number() OVER (ORDER BY uscc) - 1)::integer AS position FROM registry.employers) e ON e.uscc = s.employer_uscc
                      WHERE s.start_month <= {Last.Number} AND (s.end_month IS NULL OR s.end_month >= {First.Number})) TO STDOUT (FORMAT BINARY)
                """);
            await using var export = await connection.BeginBinaryExportAsync(sql, cancellationToken);
            while (ReadSpells(export, cancellationToken) is { } block)
            {
                yield return block;
            }
        }

        private InsuredSpells? ReadSpells(NpgsqlBinaryExporter export, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var employers = new int[BlockSize];
            var wages = new long[BlockSize];
            var from = new int[BlockSize];
            var to = new int[BlockSize];
            var count = 0;
            while (count < BlockSize && export.StartRow() != -1)
            {
                employers[count] = export.Read<int>(NpgsqlDbType.Integer);
                wages[count] = export.Read<long>(NpgsqlDbType.Bigint);
                (from[count], to[count]) = Offsets(YearMonth.FromNumber(export.Read<int>(NpgsqlDbType.Integer)), YearMonth.FromNumber(export.Read<int>(NpgsqlDbType.Integer)));
                count++;
            }

            return count == 0 ? null : new InsuredSpells(employers, wages, from, to, count);
        }

        /// <summary>
        /// Synchronous reads on purpose: millions of rows of two numbers, where an awaited read per column costs more
        /// than the read itself; a read blocks only when the buffer is empty. Cancellation is checked once per block.
        /// </summary>
        private static InsuredWages? ReadBlock(NpgsqlBinaryExporter export, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var employers = new int[BlockSize];
            var wages = new long[BlockSize];
            var count = 0;
            while (count < BlockSize && export.StartRow() != -1)
            {
                employers[count] = export.Read<int>(NpgsqlDbType.Integer);
                wages[count] = export.Read<long>(NpgsqlDbType.Bigint);
                count++;
            }

            return count == 0 ? null : new InsuredWages(employers, wages, count);
        }

        private static InsuredEmployer? ReadEmployer(NpgsqlBinaryExporter export, Func<string, string> shared, Dictionary<string, SizeClass> sizeClasses, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return export.StartRow() == -1
                ? null
                : new InsuredEmployer(
                    export.Read<string>(),
                    shared(export.Read<string>()),
                    shared(export.Read<string>()),
                    export.Read<int>(),
                    export.Read<decimal>(),
                    export.Read<decimal>(),
                    export.Read<decimal>(),
                    sizeClasses[export.Read<string>()]);
        }

        public override async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>SQLite (the embedded demo, one writer): the same two reads, positions looked up here.</summary>
    private sealed class SqliteMonth(RegistryDbContext db, YearMonth first, YearMonth last) : MonthRead(first, last)
    {
        private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

        public override async IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            positions.Clear();
            await foreach (var e in db.Employers.AsNoTracking().OrderBy(e => e.Uscc).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                positions[e.Uscc] = positions.Count;
                yield return Facts(e);
            }
        }

        public override async IAsyncEnumerable<InsuredWages> ReadWagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var month = Month;
            var rows = db.EmploymentSpells.AsNoTracking()
                .Where(s => s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
                .Select(s => new { s.EmployerUscc, s.Wage })
                .AsAsyncEnumerable();
            var employers = new int[BlockSize];
            var wages = new long[BlockSize];
            var count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                employers[count] = positions[row.EmployerUscc];
                wages[count] = (long)(row.Wage * 100m);
                if (++count == BlockSize)
                {
                    yield return new InsuredWages(employers, wages, count);
                    (employers, wages, count) = (new int[BlockSize], new long[BlockSize], 0);
                }
            }

            if (count > 0)
            {
                yield return new InsuredWages(employers, wages, count);
            }
        }

        public override async IAsyncEnumerable<InsuredSpells> ReadSpellsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var (first, last) = (First, Last);
            var rows = db.EmploymentSpells.AsNoTracking()
                .Where(s => s.StartMonth <= last && (s.EndMonth == null || s.EndMonth >= first))
                .Select(s => new { s.EmployerUscc, s.Wage, s.StartMonth, s.EndMonth })
                .AsAsyncEnumerable();
            var (employers, wages, from, to, count) = (new int[BlockSize], new long[BlockSize], new int[BlockSize], new int[BlockSize], 0);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                employers[count] = positions[row.EmployerUscc];
                wages[count] = (long)(row.Wage * 100m);
                (from[count], to[count]) = Offsets(row.StartMonth, row.EndMonth);
                if (++count == BlockSize)
                {
                    yield return new InsuredSpells(employers, wages, from, to, count);
                    (employers, wages, from, to, count) = (new int[BlockSize], new long[BlockSize], new int[BlockSize], new int[BlockSize], 0);
                }
            }

            if (count > 0)
            {
                yield return new InsuredSpells(employers, wages, from, to, count);
            }
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
