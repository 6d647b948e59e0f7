using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Data;

namespace Wenjiu.Registry.Features.Placements;

/// <summary>
/// The registry's side of <see cref="IPlacementEvidence"/>: persons are found by the keyed hash of their identity number,
/// as the staff look-up finds them (the number itself is stored only encrypted), in a few set-based reads for the whole
/// batch. Every number asked for is audited, found or not, masked, with who asked: an agency's batch is a look-up of
/// persons like any other. Asked by person number (a referral's placement), no identity number is read or handed out,
/// and nothing is audited: the answer is the employer's designation and the months spells began.
/// </summary>
internal sealed class PlacementEvidenceLookup(RegistryDbContext db, PersonalDataProtector personalData, IAuditLog audit) : IPlacementEvidence
{
    public const string AuditAction = "person.lookup";

    /// <summary>Values per statement: well under SQLite's limit on parameters.</summary>
    private const int Chunk = 500;

    public async Task<IReadOnlyList<PlacementEvidence>> FindAsync(IReadOnlyCollection<PersonAtEmployer> pairs, string askedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var asked = pairs
            .Select(p => new PersonAtEmployer(p.IdNumber.Trim().ToUpperInvariant(), p.Uscc.Trim()))
            .Distinct()
            .ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        // Only well-formed numbers are looked up; a malformed one cannot be a registered person.
        var hashes = asked.Select(p => p.IdNumber).Distinct(StringComparer.Ordinal)
            .Where(ResidentIdentityNumber.IsValid)
            .ToDictionary(n => n, personalData.LookupHash, StringComparer.Ordinal);
        var persons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Values.Chunk(Chunk))
        {
            var found = await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.IdNumberHash)).Select(p => new { p.Id, p.IdNumberHash }).ToListAsync(cancellationToken);
            foreach (var person in found)
            {
                persons[Convert.ToHexString(person.IdNumberHash)] = person.Id;
            }
        }

        long? PersonOf(string idNumber) =>
            hashes.TryGetValue(idNumber, out var hash) && persons.TryGetValue(Convert.ToHexString(hash), out var id) ? id : null;

        var employers = await EmployersAsync(asked.Select(p => p.Uscc), cancellationToken);
        var starts = await SpellStartsAsync(asked.Select(p => PersonOf(p.IdNumber)).OfType<long>(), cancellationToken);
        var answers = new List<PlacementEvidence>(asked.Count);
        foreach (var pair in asked)
        {
            var personId = PersonOf(pair.IdNumber);
            var registered = employers.TryGetValue(pair.Uscc, out var key);
            IReadOnlyList<YearMonth> months = personId is { } id && starts.TryGetValue((id, pair.Uscc), out var list) ? [.. list.Order()] : [];
            answers.Add(new PlacementEvidence(pair.IdNumber, pair.Uscc, personId, registered, registered && key, months));
            await audit.RecordAsync(
                AuditAction,
                personId is { } p ? $"person:{p}" : "person:?",
                string.Create(CultureInfo.InvariantCulture, $"purpose: placement_evidence; asked by: {askedBy}; number: {Masking.IdentityNumber(pair.IdNumber)}; employer: {pair.Uscc}; {(personId is null ? "not found" : "found")}"),
                cancellationToken);
        }

        return answers;
    }

    public async Task<IReadOnlyList<PlacementEvidence>> FindByPersonAsync(IReadOnlyCollection<PersonNumberAtEmployer> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var asked = pairs.Select(p => p with { Uscc = p.Uscc.Trim() }).Distinct().ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        var known = new HashSet<long>();
        foreach (var chunk in asked.Select(p => p.PersonId).Distinct().Chunk(Chunk))
        {
            known.UnionWith(await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        var employers = await EmployersAsync(asked.Select(p => p.Uscc), cancellationToken);
        var starts = await SpellStartsAsync(known, cancellationToken);
        return [.. asked.Select(pair =>
        {
            var registered = employers.TryGetValue(pair.Uscc, out var key);
            IReadOnlyList<YearMonth> months = starts.TryGetValue((pair.PersonId, pair.Uscc), out var list) ? [.. list.Order()] : [];
            return new PlacementEvidence(null, pair.Uscc, known.Contains(pair.PersonId) ? pair.PersonId : null, registered, registered && key, months);
        })];
    }

    /// <summary>Each registered employer among <paramref name="usccs"/> and whether it is a key enterprise now.</summary>
    private async Task<Dictionary<string, bool>> EmployersAsync(IEnumerable<string> usccs, CancellationToken cancellationToken)
    {
        var employers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var chunk in usccs.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            foreach (var e in await db.Employers.AsNoTracking().Where(e => chunk.Contains(e.Uscc)).Select(e => new { e.Uscc, e.KeyEnterprise }).ToListAsync(cancellationToken))
            {
                employers[e.Uscc] = e.KeyEnterprise;
            }
        }

        return employers;
    }

    /// <summary>The first months of the insured spells of <paramref name="personIds"/>, by person and employer.</summary>
    private async Task<Dictionary<(long, string), List<YearMonth>>> SpellStartsAsync(IEnumerable<long> personIds, CancellationToken cancellationToken)
    {
        var starts = new Dictionary<(long, string), List<YearMonth>>();
        foreach (var chunk in personIds.Distinct().Chunk(Chunk))
        {
            var spells = await db.EmploymentSpells.AsNoTracking()
                .Where(s => chunk.Contains(s.PersonId))
                .Select(s => new { s.PersonId, s.EmployerUscc, s.StartMonth })
                .ToListAsync(cancellationToken);
            foreach (var s in spells)
            {
                if (!starts.TryGetValue((s.PersonId, s.EmployerUscc), out var months))
                {
                    starts[(s.PersonId, s.EmployerUscc)] = months = [];
                }

                months.Add(s.StartMonth);
            }
        }

        return starts;
    }
}
