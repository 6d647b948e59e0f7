using System.Diagnostics;
using System.Threading.Channels;
using Wenjiu.Relief.Billing;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Relief.Billing;

/// <summary>
/// A month billed from one snapshot of the registry: one ledger per rule set, in the order of the billings given, and
/// how long reading the employers took.
/// </summary>
internal sealed record BilledMonth(IReadOnlyList<EmployerLedger> Ledgers, TimeSpan EmployersRead);

/// <summary>
/// The engine of a month for the whole population, shared by the assessment and the scenarios: the registry's month
/// opened as one snapshot, the employers read first (facts, category, rate: a few hundred thousand rows) into a ledger
/// per rule set, then the month's wages streamed to compute workers on every core, each owning a share of the employers,
/// through bounded channels: memory follows the number of employers and not of spells. Each block of wages is billed
/// into every ledger as it passes, so a scenario's baseline and its own rules come from the same rows in one read.
/// </summary>
internal static class SnapshotBilling
{
    /// <summary>Bills <paramref name="billings"/> (all of one month) over the registry's month.</summary>
    /// <param name="afterBlock">Called by the reader after each block of wages with the employers billed so far (of the first ledger).</param>
    public static async Task<BilledMonth> BillAsync(
        IInsuredEmploymentSource source,
        IReadOnlyList<MonthlyBilling> billings,
        IReadOnlySet<string> deferredEmployers,
        Func<int, CancellationToken, Task>? afterBlock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(billings);
        if (billings.Count == 0 || billings.Any(b => b.Month != billings[0].Month))
        {
            throw new ArgumentException("One month's billings, at least one.", nameof(billings));
        }

        var watch = Stopwatch.StartNew();
        await using var month = await source.OpenMonthAsync(billings[0].Month, cancellationToken);
        var employers = new List<InsuredEmployer>();
        await foreach (var employer in month.ReadEmployersAsync(cancellationToken))
        {
            employers.Add(employer);
        }

        var ledgers = billings.Select(b => new EmployerLedger(employers, b, deferredEmployers)).ToArray();
        var employersRead = watch.Elapsed;
        await ComputeAsync(billings, ledgers, month, afterBlock, cancellationToken);
        return new BilledMonth(ledgers, employersRead);
    }

    /// <summary>Reader → one worker per core (each bills its own employers), <see cref="ReaderAndWorkers"/>.</summary>
    private static Task ComputeAsync(
        IReadOnlyList<MonthlyBilling> billings, EmployerLedger[] ledgers, IInsuredMonth month, Func<int, CancellationToken, Task>? afterBlock, CancellationToken cancellationToken)
    {
        // 4, 2 or 1: each worker owns an equal share of the employers (EmployerLedger.Add).
        var workers = Environment.ProcessorCount >= 4 ? 4 : Environment.ProcessorCount >= 2 ? 2 : 1;
        var channels = Enumerable.Range(0, workers).Select(_ => Channel.CreateBounded<InsuredWages>(8)).ToArray();
        var done = 0;

        async Task ReadAsync(CancellationToken token)
        {
            await foreach (var block in month.ReadWagesAsync(token).WithCancellation(token))
            {
                foreach (var channel in channels)
                {
                    await channel.Writer.WriteAsync(block, token);
                }

                if (afterBlock is not null)
                {
                    await afterBlock(Volatile.Read(ref done), token);
                }
            }
        }

        async Task WorkAsync(int worker, CancellationToken token)
        {
            await foreach (var block in channels[worker].Reader.ReadAllAsync(token))
            {
                Interlocked.Add(ref done, ledgers[0].Add(billings[0], block, worker, workers));
                for (var b = 1; b < ledgers.Length; b++)
                {
                    ledgers[b].Add(billings[b], block, worker, workers);
                }
            }
        }

        return ReaderAndWorkers.RunAsync(ReadAsync, WorkAsync, workers, e => Array.ForEach(channels, c => c.Writer.TryComplete(e)), cancellationToken);
    }
}
