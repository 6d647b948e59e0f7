using Npgsql;
using NpgsqlTypes;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// PostgreSQL: rows go by binary COPY into temporary tables of the import's own session (not WAL-logged, invisible to
/// others), then the cross-row rules and the merge run as a few set-based statements (<c>INSERT … ON CONFLICT</c>) in
/// one transaction. A temporary table dies with the session, so a crash mid-import leaves nothing to clean.
/// </summary>
internal sealed class PostgresImportStore(string connectionString) : IImportStore
{
    private const string Schema = "registry";
    private const long MergeLockKey = 0x5245_4749_5354; // "REGIST"
    private readonly Dictionary<string, TimeSpan> timings = [];
    private NpgsqlConnection? connection;

    public IReadOnlyDictionary<string, TimeSpan> Timings => timings;

    private NpgsqlConnection Connection => connection ?? throw new InvalidOperationException("The store was not begun.");

    public async Task BeginAsync(ImportKind kind, CancellationToken cancellationToken)
    {
        // Its own physical connection: session settings and temporary tables must not leak into the pool.
        connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(
            """
            SET temp_buffers = '256MB';
            SET work_mem = '256MB';
            CREATE TEMP TABLE import_stage_rejections (line bigint NOT NULL, seq bigint NOT NULL, column_name text NOT NULL, value text NOT NULL, reason text NOT NULL);
            """, cancellationToken);
        await ExecuteAsync(kind == ImportKind.Employers
            ? """
              CREATE TEMP TABLE import_stage (
                  line bigint NOT NULL, uscc text NOT NULL, name text NOT NULL, industry text NOT NULL, district text NOT NULL,
                  employees integer NOT NULL, revenue numeric(18,2) NOT NULL, total_assets numeric(18,2) NOT NULL,
                  injury_rate numeric(5,3) NOT NULL, key_enterprise boolean NOT NULL, size_class text NOT NULL);
              """
            : """
              CREATE TEMP TABLE import_stage (
                  line bigint NOT NULL, id_hash bytea NOT NULL, id_cipher bytea NOT NULL, name text NOT NULL, birth_date date NOT NULL,
                  gender text NOT NULL, uscc text NOT NULL, start_month integer NOT NULL, end_month integer, wage numeric(12,2) NOT NULL);
              """, cancellationToken);
    }

    public async Task StageAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await CopyAsync(batch, cancellationToken);
        Time("COPY staging", started);
    }

    private async Task CopyAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Employers.Count > 0)
        {
            await using var copy = await Connection.BeginBinaryImportAsync(
                "COPY import_stage (line, uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var e in batch.Employers)
            {
                copy.StartRow();
                copy.Write(e.Line, NpgsqlDbType.Bigint);
                copy.Write(e.Uscc, NpgsqlDbType.Text);
                copy.Write(e.Name, NpgsqlDbType.Text);
                copy.Write(e.Industry, NpgsqlDbType.Text);
                copy.Write(e.District, NpgsqlDbType.Text);
                copy.Write(e.Employees, NpgsqlDbType.Integer);
                copy.Write(e.Revenue, NpgsqlDbType.Numeric);
                copy.Write(e.TotalAssets, NpgsqlDbType.Numeric);
                copy.Write(e.InjuryRate, NpgsqlDbType.Numeric);
                copy.Write(e.KeyEnterprise, NpgsqlDbType.Boolean);
                copy.Write(e.SizeClass.ToString(), NpgsqlDbType.Text);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (batch.Spells.Count > 0)
        {
            await using var copy = await Connection.BeginBinaryImportAsync(
                "COPY import_stage (line, id_hash, id_cipher, name, birth_date, gender, uscc, start_month, end_month, wage) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var s in batch.Spells)
            {
                copy.StartRow();
                copy.Write(s.Line, NpgsqlDbType.Bigint);
                copy.Write(s.IdHash, NpgsqlDbType.Bytea);
                copy.Write(s.IdCipher, NpgsqlDbType.Bytea);
                copy.Write(s.Name, NpgsqlDbType.Text);
                copy.Write(s.BirthDate, NpgsqlDbType.Date);
                copy.Write(s.Gender.ToString(), NpgsqlDbType.Text);
                copy.Write(s.Uscc, NpgsqlDbType.Text);
                copy.Write(s.StartMonth, NpgsqlDbType.Integer);
                if (s.EndMonth is { } end)
                {
                    copy.Write(end, NpgsqlDbType.Integer);
                }
                else
                {
                    copy.WriteNull();
                }

                copy.Write(s.Wage, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (batch.Rejections.Count > 0)
        {
            await using var copy = await Connection.BeginBinaryImportAsync(
                "COPY import_stage_rejections (line, seq, column_name, value, reason) FROM STDIN (FORMAT BINARY)", cancellationToken);
            var seq = 1L;
            foreach (var r in batch.Rejections)
            {
                copy.StartRow();
                copy.Write(r.Line, NpgsqlDbType.Bigint);
                copy.Write(seq++, NpgsqlDbType.Bigint);
                copy.Write(r.Column, NpgsqlDbType.Text);
                copy.Write(r.Value, NpgsqlDbType.Text);
                copy.Write(r.Reason, NpgsqlDbType.Text);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    public async Task ReportProgressAsync(Guid runId, long rowsRead, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"UPDATE {Schema}.import_runs SET rows_read = $1 WHERE id = $2", Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rowsRead });
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MergeResult> MergeAsync(Guid runId, ImportKind kind, long rowsRead, long rowsRejected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);

        // Two imports merging at once (a node's worker and the command line) would race on the same keys: one waits.
        await ExecuteAsync($"SELECT pg_advisory_xact_lock({MergeLockKey})", cancellationToken);
        rowsRejected += kind == ImportKind.Employers ? await MergeEmployersAsync(now, cancellationToken) : await MergeSpellsAsync(cancellationToken);
        var imported = await ScalarAsync("SELECT count(*) FROM import_stage", cancellationToken);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.import_rejections (import_run_id, line, "column", value, reason)
            SELECT $1, line, column_name, left(value, 300), left(reason, 300) FROM import_stage_rejections ORDER BY line, seq
            """,
            cancellationToken, runId);
        await ExecuteAsync(
            $"UPDATE {Schema}.import_runs SET status = 'Completed', rows_read = $2, rows_imported = $3, rows_rejected = $4, finished_at = $5, message = NULL WHERE id = $1",
            cancellationToken, runId, rowsRead, imported, rowsRejected, now);
        await transaction.CommitAsync(cancellationToken);
        return new MergeResult(imported, rowsRejected);
    }

    /// <summary>A code twice in one file: the later line is reported, the first one kept. Then insert or update on the code.</summary>
    private async Task<long> MergeEmployersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            CREATE TEMP TABLE import_stage_clash ON COMMIT DROP AS
            SELECT s.line, s.uscc, f.first_line FROM import_stage s
            JOIN (SELECT uscc, min(line) AS first_line FROM import_stage GROUP BY uscc HAVING count(*) > 1) f ON f.uscc = s.uscc
            WHERE s.line > f.first_line
            """, cancellationToken);
        var duplicates = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        if (duplicates > 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
                SELECT line, 0, 'uscc', uscc, 'the same unified social credit code is already on line ' || first_line FROM import_stage_clash;
                DELETE FROM import_stage s USING import_stage_clash c WHERE s.line = c.line;
                """, cancellationToken);
        }

        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.employers AS e (uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, check_character_overridden, updated_at)
            SELECT uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, false, $1::timestamptz FROM import_stage ORDER BY uscc
            ON CONFLICT (uscc) DO UPDATE SET
                name = excluded.name, industry = excluded.industry, district = excluded.district, employees = excluded.employees,
                revenue = excluded.revenue, total_assets = excluded.total_assets, injury_rate = excluded.injury_rate,
                key_enterprise = excluded.key_enterprise, size_class = excluded.size_class, updated_at = excluded.updated_at
            WHERE (e.name, e.industry, e.district, e.employees, e.revenue, e.total_assets, e.injury_rate, e.key_enterprise, e.size_class)
                IS DISTINCT FROM (excluded.name, excluded.industry, excluded.district, excluded.employees, excluded.revenue, excluded.total_assets, excluded.injury_rate, excluded.key_enterprise, excluded.size_class)
            """, cancellationToken, now);
        return duplicates;
    }

    /// <summary>
    /// Two spells of one person at one employer must not overlap (interchange.md): against the spells already
    /// registered (unless this file replaces them: same start month) and against earlier lines of the file. The
    /// later line is reported; a registered spell always stays. Only groups with more than one spell are compared.
    /// </summary>
    private async Task<long> MergeSpellsAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            $"""
            CREATE TEMP TABLE import_stage_clash ON COMMIT DROP AS
            WITH keys AS (
                SELECT DISTINCT id_hash, uscc FROM import_stage
            ), registered AS (
                SELECT p.id_number_hash AS id_hash, sp.employer_uscc AS uscc, sp.start_month, sp.end_month
                FROM {Schema}.employment_spells sp
                JOIN {Schema}.persons p ON p.id = sp.person_id
                JOIN keys k ON k.id_hash = p.id_number_hash AND k.uscc = sp.employer_uscc
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
            SELECT DISTINCT ON (b.line) b.line, b.start_month, a.line AS other_line, a.start_month AS other_start, a.given_end AS other_end
            FROM candidates b
            JOIN candidates a ON a.id_hash = b.id_hash AND a.uscc = b.uscc AND a.line < b.line
                AND a.start_month <= b.end_month AND b.start_month <= a.end_month
            ORDER BY b.line, a.line
            """, cancellationToken);
        var clashes = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        if (clashes > 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
                SELECT line, 0, 'start_month', to_char(start_month / 100, 'FM0000') || '-' || to_char(start_month % 100, 'FM00'),
                    CASE WHEN other_line = 0
                        THEN 'overlaps the registered spell at this employer from ' || to_char(other_start / 100, 'FM0000') || '-' || to_char(other_start % 100, 'FM00')
                            || coalesce(' to ' || to_char(other_end / 100, 'FM0000') || '-' || to_char(other_end % 100, 'FM00'), ' (still employed)')
                        ELSE 'overlaps the spell of the same person at the same employer on line ' || other_line
                    END
                FROM import_stage_clash;
                DELETE FROM import_stage s USING import_stage_clash c WHERE s.line = c.line;
                """, cancellationToken);
        }

        // The last line of a person gives the name; the identity number is stored once, encrypted.
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.persons AS p (id_number_cipher, id_number_hash, name, birth_date, gender)
            SELECT DISTINCT ON (id_hash) id_cipher, id_hash, name, birth_date, gender FROM import_stage ORDER BY id_hash, line DESC
            ON CONFLICT (id_number_hash) DO UPDATE SET name = excluded.name WHERE p.name IS DISTINCT FROM excluded.name;
            """, cancellationToken);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.employment_spells AS e (person_id, employer_uscc, start_month, end_month, wage)
            SELECT p.id, s.uscc, s.start_month, s.end_month, s.wage
            FROM import_stage s JOIN {Schema}.persons p ON p.id_number_hash = s.id_hash
            ORDER BY p.id, s.uscc, s.start_month
            ON CONFLICT (person_id, employer_uscc, start_month) DO UPDATE SET end_month = excluded.end_month, wage = excluded.wage
            WHERE (e.end_month, e.wage) IS DISTINCT FROM (excluded.end_month, excluded.wage);
            """, cancellationToken);
        return clashes;
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        Time(Step(sql), started);
        return rows;
    }

    private void Time(string step, long started) =>
        timings[step] = timings.GetValueOrDefault(step) + System.Diagnostics.Stopwatch.GetElapsedTime(started);

    /// <summary>A statement's name in the log: its first words, e.g. "INSERT INTO registry.persons".</summary>
    private static string Step(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '('], StringSplitOptions.RemoveEmptyEntries).Take(4));

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
