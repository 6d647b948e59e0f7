using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Events;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.SizeClassPolicy;

/// <summary>
/// The registry's side of <see cref="IPolicySizeClasses"/>: the class published for the policy period is kept on the
/// employer when it is first classified, and an upheld objection sets the class in force beside it. The relief
/// assessment bills by the class in force (<see cref="InsuredEmployer.SizeClass"/>).
/// </summary>
internal sealed class PolicySizeClasses(RegistryDbContext db, IAuditLog audit, TimeProvider clock) : IPolicySizeClasses
{
    public const string AuditAction = "employer.reclassified";

    /// <summary>As the column holds it: a review's reference is far shorter.</summary>
    public const int ReferenceMaxLength = 64;

    public async Task<PolicySizeClass?> FindAsync(string uscc, CancellationToken cancellationToken = default)
    {
        var e = await db.Employers.AsNoTracking().FirstOrDefaultAsync(x => x.Uscc == uscc, cancellationToken);
        return e is null ? null : new PolicySizeClass(e.Uscc, e.PublishedClass, e.PolicySizeClass, e.ObjectionReference, e.ReclassifiedAt);
    }

    /// <summary>
    /// Sets the class in force, once per reference: the update only takes a row whose reference differs, so a repeat (or
    /// a concurrent retry: on PostgreSQL the second update waits for the first and then finds the reference set) changes
    /// nothing and publishes nothing. The event goes out only when the class in force actually moves.
    /// </summary>
    public async Task ReclassifyAsync(string uscc, SizeClass sizeClass, string reference, string decidedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        if (reference.Length > ReferenceMaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(reference), reference, $"A reference has at most {ReferenceMaxLength} characters.");
        }

        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken)
            ?? throw new KeyNotFoundException($"No employer {uscc} is registered.");
        if (string.Equals(employer.ObjectionReference, reference, StringComparison.Ordinal))
        {
            return;
        }

        var from = employer.PolicySizeClass;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.Employers
            .Where(e => e.Uscc == uscc && (e.ObjectionReference == null || e.ObjectionReference != reference))
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.ObjectionSizeClass, sizeClass)
                    .SetProperty(e => e.ObjectionReference, reference)
                    .SetProperty(e => e.ReclassifiedAt, now)
                    .SetProperty(e => e.ReclassifiedBy, decidedBy),
                cancellationToken);
        if (updated == 0)
        {
            return;
        }

        if (from != sizeClass)
        {
            db.Publish(new EmployerReclassified(uscc, from, sizeClass, reference, decidedBy), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(
            AuditAction,
            $"employer:{uscc}",
            string.Create(CultureInfo.InvariantCulture, $"size class for the policy period {from.Code()} → {sizeClass.Code()} by upheld objection {reference}, decided by {decidedBy}"),
            cancellationToken);
    }
}
