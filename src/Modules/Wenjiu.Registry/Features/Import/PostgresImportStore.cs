using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Registry.Contracts;
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

    // The names the Registry migration gives them; the first load drops and rebuilds them under the same names.
    private const string PersonsKey = "pk_persons";
    private const string PersonsHashIndex = "ix_persons_id_number_hash";
    private const string SpellsKey = "pk_employment_spells";
    private const string EmployerMonthIndex = "ix_employment_spells_employer_uscc_start_month";
    private readonly Dictionary<string, TimeSpan> timings = [];
    private NpgsqlConnection? connection;

    /// <summary>Rows copied into <c>import_stage</c>: counted as they go, so no statement has to count 10 million rows.</summary>
    private long staged;

    public IReadOnlyDictionary<string, TimeSpan> Timings => timings;

    private NpgsqlConnection Connection => connection ?? throw new InvalidOperationException("The store was not begun.");

    public async Task BeginAsync(ImportKind kind, CancellationToken cancellationToken)
    {
        // Its own physical connection: session settings and temporary tables must not leak into the pool.
        connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(
            """
            SET temp_buffers = '1GB';
            SET work_mem = '1GB';
            CREATE TEMP TABLE import_stage_rejections (line bigint NOT NULL, seq bigint NOT NULL, column_name text NOT NULL, value text NOT NULL, reason text NOT NULL);
            """, cancellationToken);
        await ExecuteAsync(kind switch
        {
            ImportKind.Employers => """
              CREATE TEMP TABLE import_stage (
                  line bigint NOT NULL, uscc text NOT NULL, name text NOT NULL, industry text NOT NULL, district text NOT NULL,
                  employees integer NOT NULL, revenue numeric(18,2) NOT NULL, total_assets numeric(18,2) NOT NULL,
                  injury_rate numeric(5,3) NOT NULL, key_enterprise boolean NOT NULL, size_class text NOT NULL);
              """,
            ImportKind.Contributions => """
              CREATE TEMP TABLE import_stage (
                  line bigint NOT NULL, uscc text NOT NULL, month integer NOT NULL, insured integer NOT NULL, due numeric(14,2) NOT NULL,
                  paid numeric(14,2) NOT NULL, unemployment_paid numeric(14,2) NOT NULL, paid_on date);
              """,
            _ => """
              CREATE TEMP TABLE import_stage (
                  line bigint NOT NULL, id_key bigint NOT NULL, id_hash bytea NOT NULL, id_cipher bytea NOT NULL, name text NOT NULL, birth_date date NOT NULL,
                  gender text NOT NULL, uscc text NOT NULL, start_month integer NOT NULL, end_month integer, wage numeric(12,2) NOT NULL);
              """,
        }, cancellationToken);
    }

    public async Task StageAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await CopyAsync(batch, cancellationToken);
        staged += batch.Employers.Count + batch.Spells.Count + batch.Contributions.Count;
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
                "COPY import_stage (line, id_key, id_hash, id_cipher, name, birth_date, gender, uscc, start_month, end_month, wage) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var s in batch.Spells)
            {
                copy.StartRow();
                copy.Write(s.Line, NpgsqlDbType.Bigint);
                copy.Write(BinaryPrimitives.ReadInt64BigEndian(s.IdHash), NpgsqlDbType.Bigint);
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

        if (batch.Contributions.Count > 0)
        {
            await using var copy = await Connection.BeginBinaryImportAsync(
                "COPY import_stage (line, uscc, month, insured, due, paid, unemployment_paid, paid_on) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var c in batch.Contributions)
            {
                copy.StartRow();
                copy.Write(c.Line, NpgsqlDbType.Bigint);
                copy.Write(c.Uscc, NpgsqlDbType.Text);
                copy.Write(c.Month, NpgsqlDbType.Integer);
                copy.Write(c.Insured, NpgsqlDbType.Integer);
                copy.Write(c.Due, NpgsqlDbType.Numeric);
                copy.Write(c.Paid, NpgsqlDbType.Numeric);
                copy.Write(c.UnemploymentPaid, NpgsqlDbType.Numeric);
                if (c.PaidOn is { } paidOn)
                {
                    copy.Write(paidOn, NpgsqlDbType.Date);
                }
                else
                {
                    copy.WriteNull();
                }
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
        // The cross-row rules delete the lines they reject from import_stage; the rest is imported.
        var removed = kind switch
        {
            ImportKind.Employers => await MergeEmployersAsync(now, cancellationToken),
            ImportKind.Contributions => await MergeContributionsAsync(cancellationToken),
            _ => await MergeSpellsAsync(now, cancellationToken),
        };
        rowsRejected += removed;
        var imported = staged - removed;
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

    /// <summary>
    /// An employer's month twice in one file: the later line is reported, the first one kept. Then insert or update on
    /// code and month, writing only the rows that differ, so an unchanged re-import writes nothing.
    /// </summary>
    private async Task<long> MergeContributionsAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            CREATE TEMP TABLE import_stage_clash ON COMMIT DROP AS
            SELECT s.line, s.month, f.first_line FROM import_stage s
            JOIN (SELECT uscc, month, min(line) AS first_line FROM import_stage GROUP BY uscc, month HAVING count(*) > 1) f
                ON f.uscc = s.uscc AND f.month = s.month
            WHERE s.line > f.first_line
            """, cancellationToken);
        var duplicates = await ScalarAsync("SELECT count(*) FROM import_stage_clash", cancellationToken);
        if (duplicates > 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO import_stage_rejections (line, seq, column_name, value, reason)
                SELECT line, 0, 'month', to_char(month / 100, 'FM0000') || '-' || to_char(month % 100, 'FM00'), 'duplicate_month' || chr(31) || first_line
                FROM import_stage_clash;
                DELETE FROM import_stage s USING import_stage_clash c WHERE s.line = c.line;
                """, cancellationToken);
        }

        // In employer and month order, as the refund batch reads them.
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.contributions (employer_uscc, month, insured, due, paid, unemployment_paid, paid_on)
            SELECT uscc, month, insured, due, paid, unemployment_paid, paid_on FROM import_stage ORDER BY uscc, month
            ON CONFLICT (employer_uscc, month) DO UPDATE SET
                insured = excluded.insured, due = excluded.due, paid = excluded.paid,
                unemployment_paid = excluded.unemployment_paid, paid_on = excluded.paid_on
            WHERE (contributions.insured, contributions.due, contributions.paid, contributions.unemployment_paid, contributions.paid_on)
                IS DISTINCT FROM (excluded.insured, excluded.due, excluded.paid, excluded.unemployment_paid, excluded.paid_on)
            """, cancellationToken);
        return duplicates;
    }

    /// <summary>
    /// A code twice in one file: the later line is reported, the first one kept. Then insert or update on the code. The
    /// class an employer gets on its first import is the one published for the policy period; an update does not move it.
    /// </summary>
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
                SELECT line, 0, 'uscc', uscc, 'duplicate_uscc' || chr(31) || first_line FROM import_stage_clash;
                DELETE FROM import_stage s USING import_stage_clash c WHERE s.line = c.line;
                """, cancellationToken);
        }

        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.employers AS e (uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, published_size_class, check_character_overridden, updated_at)
            SELECT uscc, name, industry, district, employees, revenue, total_assets, injury_rate, key_enterprise, size_class, size_class, false, $1::timestamptz FROM import_stage ORDER BY uscc
            ON CONFLICT (uscc) DO UPDATE SET
                name = excluded.name, industry = excluded.industry, district = excluded.district, employees = excluded.employees,
                revenue = excluded.revenue, total_assets = excluded.total_assets, injury_rate = excluded.injury_rate,
                key_enterprise = excluded.key_enterprise, size_class = excluded.size_class, updated_at = excluded.updated_at,
                published_size_class = coalesce(e.published_size_class, e.size_class)
            WHERE (e.name, e.industry, e.district, e.employees, e.revenue, e.total_assets, e.injury_rate, e.key_enterprise, e.size_class)
                IS DISTINCT FROM (excluded.name, excluded.industry, excluded.district, excluded.employees, excluded.revenue, excluded.total_assets, excluded.injury_rate, excluded.key_enterprise, excluded.size_class)
            """, cancellationToken, now);
        return duplicates;
    }

    /// <summary>
    /// Two spells of one person at one employer must not overlap (interchange.md): against the spells already
    /// registered (unless this file replaces them: same start month) and against earlier lines of the file. The
    /// later line is reported; a registered spell always stays. Only groups with more than one spell are compared.
    /// Then the persons and the spells are merged: set-based, writing only rows that are new or differ, so a
    /// re-import of an unchanged file reads but writes nothing.
    /// </summary>
    private async Task<long> MergeSpellsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Imports are the only writers of persons and spells and the advisory lock already serialises them; the lock
        // keeps any other writer out between "is the registry empty" and the plain inserts of a first load. Readers go
        // on, except during a first load, whose index rebuild holds the two (still empty) tables until it commits.
        await ExecuteAsync($"LOCK TABLE {Schema}.persons, {Schema}.employment_spells IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var firstLoad = await ScalarAsync(
            $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {Schema}.persons) OR EXISTS (SELECT 1 FROM {Schema}.employment_spells) THEN 0 ELSE 1 END",
            cancellationToken) == 1;

        // Temporary tables are never analysed by autovacuum: without statistics the planner would take the staged
        // million rows for a thousand and choose nested loops.
        await ExecuteAsync("ANALYZE import_stage", cancellationToken);
        // The persons (by id_key) with more than one line in the file: only their lines can overlap one another. By
        // sorting 8-byte keys, which is three times faster than hashing 10 million of them into groups.
        await ExecuteAsync(
            """
            SET LOCAL enable_hashagg = off;
            CREATE TEMP TABLE import_multi ON COMMIT DROP AS SELECT id_key FROM import_stage GROUP BY id_key HAVING count(*) > 1;
            SET LOCAL enable_hashagg = DEFAULT;
            ANALYZE import_multi;
            """, cancellationToken);
        if (!firstLoad)
        {
            // What the registry holds for each staged line, found in one pass: its person (id and name on record) and
            // the registered spell of the same key (person, employer, first month). Only the lines that can change
            // something are kept: a new person or spell, a name or a spell that differs, a person with several lines
            // (the overlap rule compares those). A line that repeats its registered spell exactly, for a person with no
            // other line, changes nothing and cannot clash (its spell is registered already), so a re-import of an
            // unchanged file keeps only the persons with several lines. The flags are columns so that ANALYZE tells the
            // planner how few lines are new or differ: index look-ups, not hash joins, for the writes below.
            await ExecuteAsync(
                $"""
                CREATE TEMP TABLE import_spell ON COMMIT DROP AS
                SELECT * FROM (
                    SELECT s.line, s.id_key, s.id_hash, s.name, p.id AS person_id, p.name AS registered_name,
                        s.uscc, s.start_month, s.end_month, s.wage,
                        e.person_id IS NOT NULL AS registered,
                        e.person_id IS NOT NULL AND (e.end_month, e.wage) IS DISTINCT FROM (s.end_month, s.wage) AS differs
                    FROM import_stage s
                    LEFT JOIN {Schema}.persons p ON p.id_number_hash = s.id_hash
                    LEFT JOIN {Schema}.employment_spells e ON e.person_id = p.id AND e.employer_uscc = s.uscc AND e.start_month = s.start_month
                ) l
                WHERE NOT l.registered OR l.differs OR l.name <> l.registered_name OR l.id_key IN (SELECT id_key FROM import_multi);
                ANALYZE import_spell;
                """, cancellationToken);
        }

        var clashes = await OverlapRuleAsync(firstLoad, cancellationToken);
        if (firstLoad)
        {
            await FirstLoadAsync(cancellationToken);
        }
        else
        {
            await UpsertAsync(now, cancellationToken);
        }

        return clashes;
    }

    /// <summary>
    /// Only persons with more than one spell (in the file or registered) can have overlapping spells. They are found
    /// by grouping on the first 8 bytes of the identity hash (<c>id_key</c>), which hashes and compares far faster than
    /// the 32-byte hash with the employer code; a rare shared prefix only adds candidates, which the comparison on the
    /// whole hash and the employer then separates.
    /// </summary>
    private async Task<long> OverlapRuleAsync(bool firstLoad, CancellationToken cancellationToken)
    {
        // The registered spells that can clash: those of a (person, employer) in the file whose start month the file
        // does not repeat (a repeated one is replaced by its line, which is compared as a line of the file). When
        // the file repeats every registered spell (a re-import, a full export) there are none, and only the file's
        // own lines are compared.
        // A small file into a large registry starts from the file's groups and reads their spells by the key; a file
        // about as large as the registry that does not repeat them all first sets aside the ones it repeats.
        var source = firstLoad ? "import_stage" : "import_spell";
        var smallFile = !firstLoad && await ScalarAsync(
            $"SELECT CASE WHEN (SELECT count(*) FROM import_spell) * 20 < (SELECT reltuples FROM pg_class WHERE oid = '{Schema}.employment_spells'::regclass) THEN 1 ELSE 0 END",
            cancellationToken) == 1;
        var noneRegistered = firstLoad || (!smallFile && await EveryRegisteredSpellRepeatedAsync(cancellationToken));
        var registered = noneRegistered
            ? "SELECT 0::bigint AS line, 0::bigint AS id_key, ''::bytea AS id_hash, ''::text AS uscc, 0 AS start_month, 0 AS end_month, 0 AS given_end WHERE false"
            : $"""
              SELECT 0::bigint AS line, {IdKey("p.id_number_hash")} AS id_key, p.id_number_hash AS id_hash, r.employer_uscc::text AS uscc, r.start_month,
                  coalesce(r.end_month, 999912) AS end_month, r.end_month AS given_end
              FROM registered r JOIN {Schema}.persons p ON p.id = r.person_id
              """;
        var registeredSpells = noneRegistered
            ? ""
            : smallFile
            ? $"""
              registered AS (
                  SELECT sp.person_id, sp.employer_uscc, sp.start_month, sp.end_month
                  FROM (SELECT DISTINCT person_id, uscc FROM import_spell WHERE person_id IS NOT NULL) g
                  JOIN {Schema}.employment_spells sp ON sp.person_id = g.person_id AND sp.employer_uscc = g.uscc
                  WHERE NOT EXISTS (SELECT 1 FROM import_spell k WHERE k.person_id = sp.person_id AND k.uscc = sp.employer_uscc AND k.start_month = sp.start_month)
              ),
              """
            : $"""
              unmatched AS MATERIALIZED (
                  SELECT sp.person_id, sp.employer_uscc, sp.start_month, sp.end_month FROM {Schema}.employment_spells sp
                  WHERE NOT EXISTS (SELECT 1 FROM import_spell k WHERE k.person_id = sp.person_id AND k.uscc = sp.employer_uscc AND k.start_month = sp.start_month)
              ), registered AS (
                  SELECT u.* FROM unmatched u WHERE EXISTS (SELECT 1 FROM import_spell k WHERE k.person_id = u.person_id AND k.uscc = u.employer_uscc)
              ),
              """;
        var persons = noneRegistered
            ? "SELECT id_key FROM import_multi"
            : "SELECT id_key FROM (SELECT id_key FROM import_spell UNION ALL SELECT id_key FROM clashable) k GROUP BY id_key HAVING count(*) > 1";
        await ExecuteAsync(
            $"""
            CREATE TEMP TABLE import_stage_clash ON COMMIT DROP AS
            WITH {registeredSpells} clashable AS MATERIALIZED (
                {registered}
            ), persons AS (
                {persons}
            ), candidates AS MATERIALIZED (
                SELECT line, id_key, id_hash, uscc, start_month, coalesce(end_month, 999912) AS end_month, end_month AS given_end
                FROM {source} WHERE id_key IN (SELECT id_key FROM persons)
                UNION ALL
                SELECT * FROM clashable WHERE id_key IN (SELECT id_key FROM persons)
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
                        THEN coalesce('overlap_registered' || chr(31) || to_char(other_start / 100, 'FM0000') || '-' || to_char(other_start % 100, 'FM00')
                            || chr(31) || to_char(other_end / 100, 'FM0000') || '-' || to_char(other_end % 100, 'FM00'),
                            'overlap_registered_open' || chr(31) || to_char(other_start / 100, 'FM0000') || '-' || to_char(other_start % 100, 'FM00'))
                        ELSE 'overlap_line' || chr(31) || other_line
                    END
                FROM import_stage_clash;
                DELETE FROM import_stage s USING import_stage_clash c WHERE s.line = c.line;
                """, cancellationToken);
            if (!firstLoad)
            {
                await ExecuteAsync("DELETE FROM import_spell s USING import_stage_clash c WHERE s.line = c.line", cancellationToken);
            }
        }

        return clashes;
    }

    /// <summary>
    /// Whether the file repeats every registered spell (same person, employer and first month), counted without
    /// another pass over the registry: the distinct registered keys among the file's lines against the number of
    /// registered spells. The lines <c>import_spell</c> left out repeat a registered spell each, for persons with one
    /// line: distinct by themselves. Two lines can share a key only if they share an <c>id_key</c>, so only the lines
    /// of <c>import_multi</c> need de-duplicating.
    /// </summary>
    private async Task<bool> EveryRegisteredSpellRepeatedAsync(CancellationToken cancellationToken) =>
        await ScalarAsync(
            $"""
            SELECT CASE WHEN (SELECT count(*) FROM {Schema}.employment_spells) =
                {staged.ToString(System.Globalization.CultureInfo.InvariantCulture)} - (SELECT count(*) FROM import_spell)
                + (SELECT count(*) FROM import_spell WHERE registered AND id_key NOT IN (SELECT id_key FROM import_multi))
                + (SELECT count(*) FROM (SELECT DISTINCT person_id, uscc, start_month FROM import_spell WHERE registered AND id_key IN (SELECT id_key FROM import_multi)) d)
            THEN 1 ELSE 0 END
            """, cancellationToken) == 1;

    /// <summary>
    /// Into an empty registry: the indexes of persons and spells are dropped, the rows inserted, and the indexes built
    /// once at the end by sorting (far cheaper than 10 million single inserts into three B-trees). Persons are numbered
    /// in the order of their hash, so no spell needs a look-up to find its person. It all happens inside the merge
    /// transaction: DDL is transactional in PostgreSQL, so a failure leaves the tables and their indexes as they were.
    /// </summary>
    private async Task FirstLoadAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            $"""
            SET LOCAL maintenance_work_mem = '512MB';
            ALTER TABLE {Schema}.persons DROP CONSTRAINT {PersonsKey};
            DROP INDEX {Schema}.{PersonsHashIndex};
            ALTER TABLE {Schema}.employment_spells DROP CONSTRAINT {SpellsKey};
            DROP INDEX {Schema}.{EmployerMonthIndex};
            """, cancellationToken);

        // The last line of a person gives the name; the identity number is stored once, encrypted. Numbered 1…n, so the
        // sequence goes on from the number of rows inserted (no scan for the largest id).
        var persons = await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.persons (id, id_number_cipher, id_number_hash, name, birth_date, gender)
            SELECT row_number() OVER (ORDER BY id_hash), id_cipher, id_hash, name, birth_date, gender
            FROM (SELECT DISTINCT ON (id_hash) id_cipher, id_hash, name, birth_date, gender FROM import_stage ORDER BY id_hash, line DESC) latest
            """, cancellationToken);
        await ExecuteAsync(
            $"SELECT setval(pg_get_serial_sequence('{Schema}.persons', 'id'), $1, $2)",
            cancellationToken, Math.Max(persons, 1L), persons > 0);
        // Stored grouped by employer: the monthly assessment reads every active spell in one scan, and spells that come
        // grouped by employer bill into one employer's sums at a time instead of jumping across the whole ledger. Grouped
        // by the code's 4-byte hash, not sorted by the code itself: codes share their first 8 characters (authority and
        // district), so a text sort compares whole strings and took 16 s of 10 million rows against 3 s for integers.
        // Two employers whose codes share a hash (a few pairs in a city) are interleaved; nothing depends on the order.
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.employment_spells (person_id, employer_uscc, start_month, end_month, wage)
            SELECT person_id, uscc, start_month, end_month, wage
            FROM (SELECT dense_rank() OVER (ORDER BY id_hash) AS person_id, uscc, start_month, end_month, wage FROM import_stage) numbered
            ORDER BY hashtext(uscc), start_month
            """, cancellationToken);
        await ExecuteAsync($"ALTER TABLE {Schema}.persons ADD CONSTRAINT {PersonsKey} PRIMARY KEY (id)", cancellationToken);
        await ExecuteAsync($"CREATE UNIQUE INDEX {PersonsHashIndex} ON {Schema}.persons (id_number_hash)", cancellationToken);
        await ExecuteAsync($"ALTER TABLE {Schema}.employment_spells ADD CONSTRAINT {SpellsKey} PRIMARY KEY (person_id, employer_uscc, start_month)", cancellationToken);
        await ExecuteAsync($"CREATE INDEX {EmployerMonthIndex} ON {Schema}.employment_spells (employer_uscc, start_month)", cancellationToken);
    }

    /// <summary>
    /// Into a registry that has rows: from what <c>import_spell</c> found for each line, update what differs and
    /// insert what is new. Persons whose lines all carry the name on record, and spells that are registered with the
    /// same last month and wage, are not touched, so a re-import of an unchanged file writes nothing.
    /// </summary>
    private async Task UpsertAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The last line of a person gives the name: only persons with a line whose name differs can change.
        await ExecuteAsync(
            $"""
            UPDATE {Schema}.persons p SET name = latest.name
            FROM (
                SELECT DISTINCT ON (person_id) person_id, name FROM import_spell
                WHERE person_id IN (SELECT person_id FROM import_spell WHERE name <> registered_name)
                ORDER BY person_id, line DESC
            ) latest
            WHERE p.id = latest.person_id AND p.name <> latest.name
            """, cancellationToken);
        // New persons, from their last line; the identity number is stored once, encrypted.
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.persons (id_number_cipher, id_number_hash, name, birth_date, gender)
            SELECT DISTINCT ON (id_hash) id_cipher, id_hash, name, birth_date, gender FROM import_stage
            WHERE id_hash IN (SELECT id_hash FROM import_spell WHERE person_id IS NULL)
            ORDER BY id_hash, line DESC
            """, cancellationToken);
        await ExecuteAsync(
            $"UPDATE import_spell s SET person_id = p.id FROM {Schema}.persons p WHERE s.person_id IS NULL AND p.id_number_hash = s.id_hash",
            cancellationToken);
        // Spells that end (a last month given or changed) are told before the update overwrites the old last month:
        // only the lines that differ are read, so an unchanged re-import writes no event (ADR 0009).
        await ExecuteAsync(
            $"""
            INSERT INTO {Outbox} (type, payload, occurred_at, attempts, next_attempt_at)
            SELECT '{InsuredSpellEnded.EventType}',
                json_build_object('person_id', s.person_id, 'uscc', s.uscc, 'start_month', {MonthText("s.start_month")}, 'end_month', {MonthText("s.end_month")})::text,
                $1::timestamptz, 0, $1::timestamptz
            FROM import_spell s JOIN {Schema}.employment_spells e ON e.person_id = s.person_id AND e.employer_uscc = s.uscc AND e.start_month = s.start_month
            WHERE s.differs AND s.end_month IS NOT NULL AND e.end_month IS DISTINCT FROM s.end_month
            ORDER BY s.line
            """, cancellationToken, now);
        await ExecuteAsync(
            $"""
            UPDATE {Schema}.employment_spells e SET end_month = s.end_month, wage = s.wage FROM import_spell s
            WHERE s.differs AND e.person_id = s.person_id AND e.employer_uscc = s.uscc AND e.start_month = s.start_month
            """, cancellationToken);
        // In employer order, as the first load stores them: the monthly assessment reads spells by employer.
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.employment_spells (person_id, employer_uscc, start_month, end_month, wage)
            SELECT person_id, uscc, start_month, end_month, wage FROM import_spell WHERE NOT registered
            ORDER BY uscc, start_month
            """, cancellationToken);
        await ExecuteAsync(
            $"""
            INSERT INTO {Outbox} (type, payload, occurred_at, attempts, next_attempt_at)
            SELECT '{InsuredSpellStarted.EventType}',
                json_build_object('person_id', person_id, 'uscc', uscc, 'start_month', {MonthText("start_month")}, 'end_month', {MonthText("end_month")})::text,
                $1::timestamptz, 0, $1::timestamptz
            FROM import_spell WHERE NOT registered
            ORDER BY line
            """, cancellationToken, now);
    }

    /// <summary>The platform's outbox: the import's events go out in its merge transaction (ADR 0009).</summary>
    private static readonly string Outbox = Wenjiu.Platform.Events.Outbox.QualifiedTable(isSqlite: false);

    /// <summary>A <c>yyyymm</c> integer column as the events' <c>yyyy-MM</c> text (null stays null).</summary>
    private static string MonthText(string column) =>
        $"to_char({column} / 100, 'FM0000') || '-' || to_char({column} % 100, 'FM00')";

    /// <summary>The same <c>id_key</c> as the importer stages: the hash's first 8 bytes as a big-endian signed integer.</summary>
    private static string IdKey(string hashColumn) => $"('x' || encode(substring({hashColumn} from 1 for 8), 'hex'))::bit(64)::bigint";

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
