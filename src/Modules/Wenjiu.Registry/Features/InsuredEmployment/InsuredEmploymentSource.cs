using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wenjiu.Platform.Database;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.InsuredEmployment;

/// <summary>
/// The registry's side of <see cref="IInsuredEmploymentSource"/>. On PostgreSQL binary COPY straight off a sequential
/// scan (no sort, no grouping in the database: the cheapest read there is); on SQLite a plain reader. Either way rows
/// are handed on as they are read, so nothing accumulates here.
/// </summary>
internal sealed class InsuredEmploymentSource(RegistryDbContext db, DatabaseOptions database) : IInsuredEmploymentSource
{
    /// <summary>A run of one employer's wages is handed on at the latest at this length (a big employer comes in pieces).</summary>
    private const int MaxRun = 4_096;

    public IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync(CancellationToken cancellationToken = default) =>
        database.IsPostgres ? ReadEmployersPostgresAsync(cancellationToken) : ReadEmployersSqliteAsync(cancellationToken);

    public IAsyncEnumerable<InsuredWages> ReadWagesAsync(int month, CancellationToken cancellationToken = default)
    {
        CheckMonth(month);
        return database.IsPostgres ? ReadWagesPostgresAsync(month, cancellationToken) : ReadWagesSqliteAsync(month, cancellationToken);
    }

    public async Task<InsuredEmployer?> FindEmployerAsync(string uscc, CancellationToken cancellationToken = default)
    {
        var e = await db.Employers.AsNoTracking().FirstOrDefaultAsync(x => x.Uscc == uscc, cancellationToken);
        return e is null ? null : new InsuredEmployer(e.Uscc, e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets, e.InjuryRate, e.SizeClass);
    }

    public async Task<IReadOnlyList<InsuredPersonWage>> ReadEmployeesAsync(string uscc, int month, CancellationToken cancellationToken = default)
    {
        CheckMonth(month);
        return await db.EmploymentSpells.AsNoTracking()
            .Where(s => s.EmployerUscc == uscc && s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
            .OrderBy(s => s.PersonId).ThenBy(s => s.Id)
            .Select(s => new InsuredPersonWage(s.PersonId, s.Id, s.Wage))
            .ToListAsync(cancellationToken);
    }

    private static void CheckMonth(int month)
    {
        if (month is < 190001 or > 999912 || month % 100 is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "A month is written yyyymm, e.g. 202002.");
        }
    }

    private async IAsyncEnumerable<InsuredEmployer> ReadEmployersPostgresAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var export = await connection.BeginBinaryExportAsync(
            "COPY (SELECT uscc, industry, district, employees, revenue, total_assets, injury_rate, size_class FROM registry.employers) TO STDOUT (FORMAT BINARY)",
            cancellationToken);

        // Industries, districts and size classes are a few dozen values: one string each instead of 615,000 copies.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string value) => shared.TryGetValue(value, out var known) ? known : shared[value] = value;
        var sizeClasses = Enum.GetValues<SizeClass>().ToDictionary(c => c.ToString(), c => c, StringComparer.Ordinal);
        while (await export.StartRowAsync(cancellationToken) != -1)
        {
            yield return new InsuredEmployer(
                await export.ReadAsync<string>(cancellationToken),
                Shared(await export.ReadAsync<string>(cancellationToken)),
                Shared(await export.ReadAsync<string>(cancellationToken)),
                await export.ReadAsync<int>(cancellationToken),
                await export.ReadAsync<decimal>(cancellationToken),
                await export.ReadAsync<decimal>(cancellationToken),
                await export.ReadAsync<decimal>(cancellationToken),
                sizeClasses[await export.ReadAsync<string>(cancellationToken)]);
        }
    }

    private async IAsyncEnumerable<InsuredWages> ReadWagesPostgresAsync(int month, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // COPY takes no parameters; the month is an integer checked above. Wages are numeric(12,2): × 100 is exact.
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT employer_uscc, (wage * 100)::bigint FROM registry.employment_spells
                  WHERE start_month <= {month} AND (end_month IS NULL OR end_month >= {month})) TO STDOUT (FORMAT BINARY)
            """);
        await using var connection = await OpenAsync(cancellationToken);
        await using var export = await connection.BeginBinaryExportAsync(sql, cancellationToken);
        var run = new List<long>(MaxRun);
        string? uscc = null;

        // Synchronous reads on purpose: eleven million rows of two columns, where an awaited read per column costs more
        // than the read itself; the caller consumes this on a thread of its own, and a read blocks only when the
        // buffer is empty. Cancellation is checked once per row.
        while (ReadRow(export, cancellationToken, out var code, out var wage))
        {
            if (uscc is not null && (run.Count == MaxRun || !string.Equals(code, uscc, StringComparison.Ordinal)))
            {
                yield return new InsuredWages(uscc, [.. run]);
                run.Clear();
            }

            uscc = code;
            run.Add(wage);
        }

        if (uscc is not null)
        {
            yield return new InsuredWages(uscc, [.. run]);
        }
    }

    private static bool ReadRow(NpgsqlBinaryExporter export, CancellationToken cancellationToken, out string uscc, out long wage)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (export.StartRow() == -1)
        {
            uscc = "";
            wage = 0;
            return false;
        }

        uscc = export.Read<string>();
        wage = export.Read<long>();
        return true;
    }

    /// <summary>Its own physical connection with no command timeout: a city month streams for several seconds.</summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async IAsyncEnumerable<InsuredEmployer> ReadEmployersSqliteAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in db.Employers.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new InsuredEmployer(e.Uscc, e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets, e.InjuryRate, e.SizeClass);
        }
    }

    private async IAsyncEnumerable<InsuredWages> ReadWagesSqliteAsync(int month, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = db.EmploymentSpells.AsNoTracking()
            .Where(s => s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
            .OrderBy(s => s.EmployerUscc)
            .Select(s => new { s.EmployerUscc, s.Wage })
            .AsAsyncEnumerable();
        var run = new List<long>();
        string? uscc = null;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (uscc is not null && uscc != row.EmployerUscc)
            {
                yield return new InsuredWages(uscc, [.. run]);
                run.Clear();
            }

            uscc = row.EmployerUscc;
            run.Add((long)(row.Wage * 100m));
        }

        if (uscc is not null)
        {
            yield return new InsuredWages(uscc, [.. run]);
        }
    }
}
