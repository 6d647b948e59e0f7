using System.Globalization;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Features.Postings;

/// <summary>
/// <see cref="IMarketFiles"/>: the synthetic city's postings loaded by the bulk path (binary COPY on PostgreSQL, batches on
/// SQLite), each with the file's id and status, its employer's name and key-enterprise flag from the registry's directory,
/// skills and bilingual descriptions from the taxonomy, refreshed at load (so the stale rule counts from the load, and no
/// seeded posting changes status at load), and one change each in the sequence every node's index tails. The seekers
/// follow in chunks: their identity numbers go to the registry's person records (<see cref="IPersonRecords.EnsureManyAsync"/>,
/// set-based, one audit entry a chunk), the seekers keep the file's ids and the person numbers, by COPY or in batches.
/// </summary>
internal sealed class MarketFileLoader(RecruitmentDbContext db, IEmployerDirectory directory, IPersonRecords persons, TimeProvider clock, Recommendations.SeekerMatchIndex matchIndex) : IMarketFiles
{
    private const int Batch = 5_000;

    /// <summary>Seekers per chunk: the person records' round trip is per chunk, so larger chunks load faster up to memory.</summary>
    internal const int SeekerChunk = 20_000;

    public async Task<(long Postings, long Seekers)> LoadAsync(string postingsPath, string seekersPath, CancellationToken cancellationToken = default)
    {
        var employers = new Dictionary<string, DirectoryEntry>(StringComparer.Ordinal);
        await foreach (var entry in directory.ListAsync(cancellationToken))
        {
            employers[entry.Uscc] = entry;
        }

        var now = clock.GetUtcNow();
        var postings = db.Database.IsNpgsql()
            ? await CopyAsync(Read(postingsPath, employers, now), now, cancellationToken)
            : await AddAsync(Read(postingsPath, employers, now), now, cancellationToken);
        var seekers = File.Exists(seekersPath) ? await LoadSeekersAsync(seekersPath, now, cancellationToken) : 0;
        if (seekers > 0)
        {
            // The recommender's candidates table, in one statement for the whole file.
            await matchIndex.RebuildAsync(cancellationToken);
        }

        return (postings, seekers);
    }

    private sealed record SeekerRow(long Id, string IdNumber, Seeker Seeker);

    /// <summary>Loads only the seekers file into a database whose postings are loaded already (a kept benchmark database), then the candidates table.</summary>
    internal async Task<long> LoadSeekersOnlyAsync(string seekersPath, CancellationToken cancellationToken = default)
    {
        var seekers = await LoadSeekersAsync(seekersPath, clock.GetUtcNow(), cancellationToken);
        await matchIndex.RebuildAsync(cancellationToken);
        return seekers;
    }

    public async Task<long> LoadDemoSeekersAsync(string seekersPath, CancellationToken cancellationToken = default)
    {
        // The file's seekers have no sign-in; the demo account's seeker has one (it may have been registered first).
        if (await db.Seekers.AnyAsync(s => s.UserName == null, cancellationToken))
        {
            return 0;
        }

        var after = await db.Seekers.MaxAsync(s => (long?)s.Id, cancellationToken) ?? 0;
        var seekers = await LoadSeekersAsync(seekersPath, clock.GetUtcNow(), cancellationToken, after);
        await matchIndex.RebuildAsync(cancellationToken);
        return seekers;
    }

    private async Task<long> LoadSeekersAsync(string path, DateTimeOffset now, CancellationToken cancellationToken, long idOffset = 0)
    {
        long count = 0;
        foreach (var chunk in ReadSeekers(path, now, idOffset).Chunk(SeekerChunk))
        {
            var ids = await persons.EnsureManyAsync([.. chunk.Select(r => (r.IdNumber, r.Seeker.Name))], $"recruitment: {Path.GetFileName(path)}", cancellationToken);
            var seekers = new List<Seeker>(chunk.Length);
            foreach (var row in chunk)
            {
                row.Seeker.PersonId = ids.TryGetValue(row.IdNumber, out var personId)
                    ? personId
                    : throw new InvalidDataException($"{Path.GetFileName(path)}: seeker {row.Id} has an invalid id_number.");
                seekers.Add(row.Seeker);
            }

            count += db.Database.IsNpgsql() ? await CopySeekersAsync(seekers, cancellationToken) : await AddSeekersAsync(seekers, cancellationToken);
        }

        if (db.Database.IsNpgsql() && count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('recruitment.seekers', 'id'), (SELECT coalesce(max(id), 1) FROM recruitment.seekers))", cancellationToken);
        }

        return count;
    }

    /// <summary>The file's seekers (<c>seekers.csv</c>: codes in snake case, lists separated by semicolons).</summary>
    private static IEnumerable<SeekerRow> ReadSeekers(string path, DateTimeOffset now, long idOffset)
    {
        using var reader = Sep.Reader().FromFile(path);
        foreach (var row in reader)
        {
            var id = long.Parse(row["id"].ToString(), CultureInfo.InvariantCulture) + idOffset;
            var year = row["graduation_year"].ToString();
            yield return new SeekerRow(id, row["id_number"].ToString(), new Seeker
            {
                Id = id,
                Name = row["name"].ToString(),
                Kind = Seekers.Seekers.KindOf(row["kind"].ToString()) ?? SeekerKind.Other,
                District = row["district"].ToString(),
                Education = EducationOf(row["education"].ToString()),
                School = row["school"].ToString(),
                Major = row["major"].ToString(),
                GraduationYear = year.Length == 0 ? null : int.Parse(year, CultureInfo.InvariantCulture),
                OriginCounty = row["origin_county"].ToString(),
                Skills = row["skills"].ToString().Replace(';', ' '),
                WantedOccupations = row["wanted_occupations"].ToString().Replace(';', ' '),
                PayMin = decimal.Parse(row["pay_min"].ToString(), CultureInfo.InvariantCulture),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }

    private async Task<long> CopySeekersAsync(List<Seeker> seekers, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY recruitment.seekers (id, person_id, kind, name, district, education, school, major, graduation_year, origin_county, skills, wanted_occupations, pay_min, open_to_recommendations, taxonomy_version, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var s in seekers)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(s.Id, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(s.PersonId, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(s.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Name, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.District, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Education.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.School, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Major, NpgsqlDbType.Varchar, cancellationToken);
                if (s.GraduationYear is { } year)
                {
                    await importer.WriteAsync(year, NpgsqlDbType.Integer, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync(s.OriginCounty, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Skills, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.WantedOccupations, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.PayMin, NpgsqlDbType.Numeric, cancellationToken);
                await importer.WriteAsync(s.OpenToRecommendations, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(s.TaxonomyVersion, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(s.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            return (long)await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<long> AddSeekersAsync(List<Seeker> seekers, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in seekers.Chunk(Batch))
        {
            db.Seekers.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return seekers.Count;
    }

    /// <summary>The file's rows as postings; a row naming an employer the registry does not hold fails the load, naming the line.</summary>
    private static IEnumerable<Posting> Read(string path, Dictionary<string, DirectoryEntry> employers, DateTimeOffset now)
    {
        using var reader = Sep.Reader().FromFile(path);
        var line = 1;
        foreach (var row in reader)
        {
            line++;
            var uscc = row["employer_uscc"].ToString();
            if (!employers.TryGetValue(uscc, out var employer))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {line}: employer_uscc {uscc} is not a registered employer.");
            }

            var occupation = OccupationTaxonomy.FindOccupation(row["occupation"].ToString())
                ?? throw new InvalidDataException($"{Path.GetFileName(path)} line {line}: occupation {row["occupation"].ToString()} is not in the taxonomy {OccupationTaxonomy.Version}.");
            var skills = occupation.TypicalSkills.Select(OccupationTaxonomy.FindSkill).OfType<Skill>().ToList();
            yield return new Posting
            {
                Id = long.Parse(row["id"].ToString(), CultureInfo.InvariantCulture),
                Uscc = uscc,
                EmployerName = employer.Name,
                TitleZh = row["title_zh"].ToString(),
                TitleEn = row["title_en"].ToString(),
                DescriptionZh = $"{employer.Name}招聘{occupation.NameZh}。" + (skills.Count > 0 ? $"要求：{string.Join("、", skills.Select(s => s.NameZh))}。" : ""),
                DescriptionEn = $"{occupation.NameEn} wanted." + (skills.Count > 0 ? $" Requirements: {string.Join(", ", skills.Select(s => s.NameEn))}." : ""),
                Occupation = occupation.Code,
                Skills = string.Join(' ', occupation.TypicalSkills),
                District = row["district"].ToString(),
                PayMin = decimal.Parse(row["pay_min"].ToString(), CultureInfo.InvariantCulture),
                PayMax = decimal.Parse(row["pay_max"].ToString(), CultureInfo.InvariantCulture),
                Education = EducationOf(row["education"].ToString()),
                PostedOn = DateOnly.ParseExact(row["posted_on"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                RefreshedAt = now,
                Status = row["status"].ToString() == "closed" ? PostingStatus.Closed : PostingStatus.Open,
                ClosedReason = row["status"].ToString() == "closed" ? ClosedReason.Switched : ClosedReason.None,
                KeyEnterprise = employer.KeyEnterprise,
                CreatedBy = "seed",
                ChangedAt = now,
            };
        }
    }

    /// <summary>The file's education codes are the enum's names in snake case (junior_middle → JuniorMiddle).</summary>
    internal static Education EducationOf(string code) =>
        Enum.Parse<Education>(string.Concat(code.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));

    private async Task<long> CopyAsync(IEnumerable<Posting> postings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            long count = 0;
            await using (var importer = await connection.BeginBinaryImportAsync(
                "COPY recruitment.postings (id, uscc, employer_name, title_zh, title_en, description_zh, description_en, occupation, skills, district, pay_min, pay_max, education, posted_on, refreshed_at, status, closed_reason, key_enterprise, taxonomy_version, created_by, changed_at) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var p in postings)
                {
                    importer.StartRow();
                    importer.Write(p.Id, NpgsqlDbType.Bigint);
                    importer.Write(p.Uscc, NpgsqlDbType.Varchar);
                    importer.Write(p.EmployerName, NpgsqlDbType.Varchar);
                    importer.Write(p.TitleZh, NpgsqlDbType.Varchar);
                    importer.Write(p.TitleEn, NpgsqlDbType.Varchar);
                    importer.Write(p.DescriptionZh, NpgsqlDbType.Varchar);
                    importer.Write(p.DescriptionEn, NpgsqlDbType.Varchar);
                    importer.Write(p.Occupation, NpgsqlDbType.Varchar);
                    importer.Write(p.Skills, NpgsqlDbType.Varchar);
                    importer.Write(p.District, NpgsqlDbType.Varchar);
                    importer.Write(p.PayMin, NpgsqlDbType.Numeric);
                    importer.Write(p.PayMax, NpgsqlDbType.Numeric);
                    importer.Write(p.Education.ToString(), NpgsqlDbType.Varchar);
                    importer.Write(p.PostedOn, NpgsqlDbType.Date);
                    importer.Write(p.RefreshedAt, NpgsqlDbType.TimestampTz);
                    importer.Write(p.Status.ToString(), NpgsqlDbType.Varchar);
                    importer.Write(p.ClosedReason.ToString(), NpgsqlDbType.Varchar);
                    importer.Write(p.KeyEnterprise, NpgsqlDbType.Boolean);
                    importer.Write(p.TaxonomyVersion, NpgsqlDbType.Varchar);
                    importer.Write(p.CreatedBy, NpgsqlDbType.Varchar);
                    importer.Write(p.ChangedAt, NpgsqlDbType.TimestampTz);
                    count++;
                }

                await importer.CompleteAsync(cancellationToken);
            }

            // One change per loaded posting, and the identity moved past the file's ids.
            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO recruitment.posting_changes (posting_id, at) SELECT id, @now FROM recruitment.postings WHERE created_by = 'seed' AND changed_at = @now ORDER BY id;
                SELECT setval(pg_get_serial_sequence('recruitment.postings', 'id'), (SELECT coalesce(max(id), 1) FROM recruitment.postings));
                """, connection, transaction))
            {
                command.Parameters.AddWithValue("now", now);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<long> AddAsync(IEnumerable<Posting> postings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in postings.Chunk(Batch))
        {
            db.Postings.AddRange(batch);
            db.PostingChanges.AddRange(batch.Select(p => new PostingChange { PostingId = p.Id, At = now }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            count += batch.Length;
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
