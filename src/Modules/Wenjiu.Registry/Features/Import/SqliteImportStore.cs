using Microsoft.Data.Sqlite;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// SQLite, the embedded demo database: rows are staged in temporary tables by prepared inserts, one transaction per
/// batch, then checked and merged by the same set-based rules as on PostgreSQL in one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
internal sealed class SqliteImportStore(string connectionString) : IImportStore
{
    private readonly Dictionary<string, TimeSpan> timings = [];
    private SqliteConnection? connection;

    public IReadOnlyDictionary<string, TimeSpan> Timings => timings;

    private SqliteConnection Connection => connection ?? throw new InvalidOperationException("The store was not begun.");

    public async Task BeginAsync(ImportKind kind, CancellationToken cancellationToken)
    {
        // Its own unpooled connection: the temporary tables must die with it, not wait in the pool for the next import.
        connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(
            """
            PRAGMA foreign_keys = ON;
            CREATE TEMP TABLE import_stage_rejections (line INTEGER NOT NULL, seq INTEGER NOT NULL, column_name TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL);
            """, cancellationToken);
        await ExecuteAsync(kind switch
        {
            ImportKind.Employers => """
              CREATE TEMP TABLE import_stage (
                  line INTEGER NOT NULL, uscc TEXT NOT NULL, name TEXT NOT NULL, industry TEXT NOT NULL, district TEXT NOT NULL,
                  employees INTEGER NOT NULL, revenue TEXT NOT NULL, total_assets TEXT NOT NULL, injury_rate TEXT NOT NULL,
                  key_enterprise INTEGER NOT NULL, size_class TEXT NOT NULL);
              """,
            ImportKind.Contributions => """
              CREATE TEMP TABLE import_stage (
                  line INTEGER NOT NULL, uscc TEXT NOT NULL, month INTEGER NOT NULL, insured INTEGER NOT NULL, due TEXT NOT NULL,
                  paid TEXT NOT NULL, unemployment_paid TEXT NOT NULL, paid_on TEXT);
              """,
            _ => """
              CREATE TEMP TABLE import_stage (
                  line INTEGER NOT NULL, id_hash BLOB NOT NULL, id_cipher BLOB NOT NULL, name TEXT NOT NULL, birth_date TEXT NOT NULL,
                  gender TEXT NOT NULL, uscc TEXT NOT NULL, start_month INTEGER NOT NULL, end_month INTEGER, wage TEXT NOT NULL);
              """,
        }, cancellationToken);
    }

    public async Task StageAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await InsertAsync(batch, cancellationToken);
        Time("INSERT staging", started);
    }

    private async Task InsertAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await Connection.BeginTransactionAsync(cancellationToken);
        if (batch.Employers.Count > 0)
        {
            using var insert = Prepare(transaction,
                "INSERT INTO import_stage (line, uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", 11);
            foreach (var e in batch.Employers)
            {
                Run(insert, e.Line, e.Uscc, e.Name, e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets, e.InjuryRate, e.KeyEnterprise, e.SizeClass.ToString());
            }
        }

        if (batch.Spells.Count > 0)
        {
            using var insert = Prepare(transaction,
                "INSERT INTO import_stage (line, id_hash, id_cipher, name, birth_date, gender, uscc, start_month, end_month, wage) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10);
            foreach (var s in batch.Spells)
            {
                Run(insert, s.Line, s.IdHash, s.IdCipher, s.Name, s.BirthDate, s.Gender.ToString(), s.Uscc, s.StartMonth, s.EndMonth is { } end ? end : DBNull.Value, s.Wage);
            }
        }

        if (batch.Contributions.Count > 0)
        {
            using var insert = Prepare(transaction,
                "INSERT INTO import_stage (line, uscc, month, insured, due, paid, unemployment_paid, paid_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8);
            foreach (var c in batch.Contributions)
            {
                Run(insert, c.Line, c.Uscc, c.Month, c.Insured, c.Due, c.Paid, c.UnemploymentPaid, c.PaidOn is { } paidOn ? paidOn : DBNull.Value);
            }
        }

        if (batch.Rejections.Count > 0)
        {
            using var insert = Prepare(transaction, "INSERT INTO import_stage_rejections (line, seq, column_name, value, reason) VALUES ($1, $2, $3, $4, $5)", 5);
            var seq = 1L;
            foreach (var r in batch.Rejections)
            {
                Run(insert, r.Line, seq++, r.Column, r.Value, r.Reason);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReportProgressAsync(Guid runId, long rowsRead, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE registry_import_runs SET rows_read = $1 WHERE id = $2", cancellationToken, rowsRead, runId);

    public async Task<MergeResult> MergeAsync(Guid runId, ImportKind kind, long rowsRead, long rowsRejected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(kind switch
        {
            ImportKind.Employers => "CREATE INDEX temp.import_stage_key ON import_stage (uscc, line)",
            ImportKind.Contributions => "CREATE INDEX temp.import_stage_key ON import_stage (uscc, month, line)",
            _ => "CREATE INDEX temp.import_stage_key ON import_stage (id_hash, uscc, start_month)",
        }, cancellationToken);
        await ExecuteAsync("BEGIN IMMEDIATE", cancellationToken);
        try
        {
            rowsRejected += kind switch
            {
                ImportKind.Employers => await MergeEmployersAsync(now, cancellationToken),
                ImportKind.Contributions => await MergeContributionsAsync(cancellationToken),
                _ => await MergeSpellsAsync(now, cancellationToken),
            };
            var imported = await ScalarAsync("SELECT count(*) FROM import_stage", cancellationToken);
            await ExecuteAsync(
                """
                INSERT INTO registry_import_rejections (import_run_id, line, "column", value, reason)
                SELECT $1, line, column_name, substr(value, 1, 300), substr(reason, 1, 300) FROM import_stage_rejections ORDER BY line, seq
                """, cancellationToken, runId);
            await ExecuteAsync(
                "UPDATE registry_import_runs SET status = 'Completed', rows_read = $2, rows_imported = $3, rows_rejected = $4, finished_at = $5, message = NULL WHERE id = $1",
                cancellationToken, runId, rowsRead, imported, rowsRejected, now);
            await ExecuteAsync("COMMIT", cancellationToken);
            return new MergeResult(imported, rowsRejected);
        }
        catch
        {
            await ExecuteAsync("ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    private async Task<long> MergeEmployersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            CREATE TEMP TABLE import_stage_clash AS
            SELECT s.line, s.uscc, f.first_line FROM import_stage s
            JOIN (SELECT uscc, min(line) AS first_line FROM import_stage GROUP BY uscc HAVING count(*) > 1) f ON f.uscc = s.uscc
            WHERE s.line > f.first_line;
            INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
            SELECT line, 0, 'uscc', uscc, 'duplicate_uscc' || char(31) || first_line FROM import_stage_clash;
            DELETE FROM import_stage WHERE line IN (SELECT line FROM import_stage_clash);
            """, cancellationToken);
        var duplicates = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        await ExecuteAsync(
            """
            INSERT INTO registry_employers (uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, published_size_class, check_character_overridden, updated_at)
            SELECT uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, size_class, 0, $1 FROM import_stage WHERE true
            ON CONFLICT (uscc) DO UPDATE SET
                name = excluded.name, industry = excluded.industry, district = excluded.district, employees = excluded.employees,
                revenue = excluded.revenue, total_assets = excluded.total_assets, injury_rate = excluded.injury_rate,
                key_enterprise = excluded.key_enterprise, size_class = excluded.size_class, updated_at = excluded.updated_at,
                published_size_class = coalesce(published_size_class, size_class)
            WHERE (name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class)
                IS NOT (excluded.name, excluded.industry, excluded.district, excluded.employees, excluded.revenue, excluded.total_assets, excluded.injury_rate, excluded.key_enterprise, excluded.size_class);
            DROP TABLE import_stage_clash;
            """, cancellationToken, now);
        return duplicates;
    }

    /// <summary>The same rules as <see cref="PostgresImportStore"/>: a repeated month reported, the rest upserted where it differs.</summary>
    private async Task<long> MergeContributionsAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            CREATE TEMP TABLE import_stage_clash AS
            SELECT s.line, s.month, f.first_line FROM import_stage s
            JOIN (SELECT uscc, month, min(line) AS first_line FROM import_stage GROUP BY uscc, month HAVING count(*) > 1) f
                ON f.uscc = s.uscc AND f.month = s.month
            WHERE s.line > f.first_line;
            INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
            SELECT line, 0, 'month', printf('%04d-%02d', month / 100, month % 100), 'duplicate_month' || char(31) || first_line FROM import_stage_clash;
            DELETE FROM import_stage WHERE line IN (SELECT line FROM import_stage_clash);
            """, cancellationToken);
        var duplicates = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        await ExecuteAsync(
            """
            INSERT INTO registry_contributions (employer_uscc, month, insured, due, paid, unemployment_paid, paid_on)
            SELECT uscc, month, insured, due, paid, unemployment_paid, paid_on FROM import_stage WHERE true ORDER BY uscc, month
            ON CONFLICT (employer_uscc, month) DO UPDATE SET
                insured = excluded.insured, due = excluded.due, paid = excluded.paid,
                unemployment_paid = excluded.unemployment_paid, paid_on = excluded.paid_on
            WHERE (insured, due, paid, unemployment_paid, paid_on)
                IS NOT (excluded.insured, excluded.due, excluded.paid, excluded.unemployment_paid, excluded.paid_on);
            DROP TABLE import_stage_clash;
            """, cancellationToken);
        return duplicates;
    }

    /// <summary>The same overlap rule as <see cref="PostgresImportStore"/>; SQLite takes the other columns of the <c>min()</c> row.</summary>
    private async Task<long> MergeSpellsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A first load (no spell registered yet) is the registry's starting state, not news: it publishes nothing.
        var firstLoad = await ScalarAsync("SELECT NOT EXISTS (SELECT 1 FROM registry_employment_spells)", cancellationToken) == 1;
        await ExecuteAsync(
            """
            CREATE TEMP TABLE import_stage_clash AS
            WITH keys AS (
                SELECT DISTINCT id_hash, uscc FROM import_stage
            ), registered AS (
                SELECT p.id_number_hash AS id_hash, sp.employer_uscc AS uscc, sp.start_month, sp.end_month
                FROM keys k
                JOIN registry_persons p ON p.id_number_hash = k.id_hash
                JOIN registry_employment_spells sp ON sp.person_id = p.id AND sp.employer_uscc = k.uscc
                WHERE NOT EXISTS (SELECT 1 FROM import_stage r WHERE r.id_hash = p.id_number_hash AND r.uscc = sp.employer_uscc AND r.start_month = sp.start_month)
            ), spells AS (
                SELECT line, id_hash, uscc, start_month, coalesce(end_month, 999912) AS end_month, end_month AS given_end FROM import_stage
                UNION ALL
                SELECT 0, id_hash, uscc, start_month, coalesce(end_month, 999912), end_month FROM registered
            ), groups AS (
                SELECT id_hash, uscc FROM spells GROUP BY id_hash, uscc HAVING count(*) > 1
            ), candidates AS MATERIALIZED (
                SELECT s.* FROM spells s JOIN groups g ON g.id_hash = s.id_hash AND g.uscc = s.uscc
            )
            SELECT b.line, b.start_month, min(a.line) AS other_line, a.start_month AS other_start, a.given_end AS other_end
            FROM candidates b
            JOIN candidates a ON a.id_hash = b.id_hash AND a.uscc = b.uscc AND a.line < b.line
                AND a.start_month <= b.end_month AND b.start_month <= a.end_month
            GROUP BY b.line;
            INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
            SELECT line, 0, 'start_month', printf('%04d-%02d', start_month / 100, start_month % 100),
                CASE WHEN other_line = 0
                    THEN CASE WHEN other_end IS NULL
                        THEN 'overlap_registered_open' || char(31) || printf('%04d-%02d', other_start / 100, other_start % 100)
                        ELSE 'overlap_registered' || char(31) || printf('%04d-%02d', other_start / 100, other_start % 100) || char(31) || printf('%04d-%02d', other_end / 100, other_end % 100)
                    END
                    ELSE 'overlap_line' || char(31) || other_line
                END
            FROM import_stage_clash;
            DELETE FROM import_stage WHERE line IN (SELECT line FROM import_stage_clash);
            """, cancellationToken);
        var clashes = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        await ExecuteAsync(
            """
            DROP TABLE import_stage_clash;
            INSERT INTO registry_persons (id_number_cipher, id_number_hash, name, birth_date, gender)
            SELECT id_cipher, id_hash, name, birth_date, gender
            FROM (SELECT id_cipher, id_hash, name, birth_date, gender, max(line) FROM import_stage GROUP BY id_hash) WHERE true
            ON CONFLICT (id_number_hash) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name;
            """, cancellationToken);
        if (!firstLoad)
        {
            // Told before the spells are written, while the registered last months are still there to compare (ADR 0009).
            await ExecuteAsync(
                $"""
                INSERT INTO {Outbox} (type, payload, occurred_at, attempts, next_attempt_at)
                SELECT '{InsuredSpellStarted.EventType}',
                    json_object('person_id', p.id, 'uscc', s.uscc, 'start_month', {MonthText("s.start_month")}, 'end_month', {MonthText("s.end_month")}), $1, 0, $1
                FROM import_stage s JOIN registry_persons p ON p.id_number_hash = s.id_hash
                WHERE NOT EXISTS (SELECT 1 FROM registry_employment_spells e WHERE e.person_id = p.id AND e.employer_uscc = s.uscc AND e.start_month = s.start_month)
                ORDER BY s.line;
                INSERT INTO {Outbox} (type, payload, occurred_at, attempts, next_attempt_at)
                SELECT '{InsuredSpellEnded.EventType}',
                    json_object('person_id', p.id, 'uscc', s.uscc, 'start_month', {MonthText("s.start_month")}, 'end_month', {MonthText("s.end_month")}), $1, 0, $1
                FROM import_stage s JOIN registry_persons p ON p.id_number_hash = s.id_hash
                JOIN registry_employment_spells e ON e.person_id = p.id AND e.employer_uscc = s.uscc AND e.start_month = s.start_month
                WHERE s.end_month IS NOT NULL AND e.end_month IS NOT s.end_month
                ORDER BY s.line;
                """, cancellationToken, Wenjiu.Platform.Database.SortableUtcText.Write(now));
        }

        await ExecuteAsync(
            """
            INSERT INTO registry_employment_spells (person_id, employer_uscc, start_month, end_month, wage)
            SELECT p.id, s.uscc, s.start_month, s.end_month, s.wage
            FROM import_stage s JOIN registry_persons p ON p.id_number_hash = s.id_hash WHERE true
            ON CONFLICT (person_id, employer_uscc, start_month) DO UPDATE SET end_month = excluded.end_month, wage = excluded.wage
            WHERE end_month IS NOT excluded.end_month OR wage IS NOT excluded.wage;
            """, cancellationToken);
        return clashes;
    }

    private static readonly string Outbox = Wenjiu.Platform.Events.Outbox.QualifiedTable(isSqlite: true);

    /// <summary>A <c>yyyymm</c> integer column as the events' <c>yyyy-MM</c> text (null stays null).</summary>
    private static string MonthText(string column) => $"CASE WHEN {column} IS NULL THEN NULL ELSE printf('%04d-%02d', {column} / 100, {column} % 100) END";

    private SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameterCount)
    {
        var command = new SqliteCommand(sql, Connection, transaction);
        for (var i = 1; i <= parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, Connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new SqliteCommand(sql, Connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i + 1}", parameters[i]));
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync(cancellationToken);
        Time(string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '('], StringSplitOptions.RemoveEmptyEntries).Take(4)), started);
    }

    private void Time(string step, long started) =>
        timings[step] = timings.GetValueOrDefault(step) + System.Diagnostics.Stopwatch.GetElapsedTime(started);

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
