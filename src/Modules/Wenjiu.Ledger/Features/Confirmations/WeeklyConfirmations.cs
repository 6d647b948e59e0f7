using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Time;

namespace Wenjiu.Ledger.Features.Confirmations;

internal enum ConfirmResult
{
    Confirmed,
    Unknown,
    Used,
    Expired,
    Closed,
}

/// <summary>
/// The weekly "still needed?" question (issue 10 §1.6): a line confirmed longer ago than the interval gets a question
/// to the enterprise's users with a one-click link (a single-use token that expires with the window); a line whose
/// question waits longer than the window is frozen (published). Confirming (the link, or the enterprise's lines page)
/// unfreezes it.
/// </summary>
internal sealed class WeeklyConfirmations(LedgerDbContext db, DemandLines lines, INotifications notifications, TimeProvider clock)
{
    public const string AskKind = "ledger.still_needed";
    public const string FrozenKind = "ledger.frozen";

    /// <summary>Asks about every line due a question and freezes every line whose question went unanswered; (asked, frozen).</summary>
    public async Task<(int Asked, int Frozen)> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = BeijingTime.DayOf(now);
        var interval = LedgerRules.ConfirmationInterval(today);
        var window = LedgerRules.ConfirmationWindow(today);

        var frozen = 0;
        var waiting = await db.Lines.Where(l => l.Status == DemandLineStatus.Open && l.ConfirmationAskedAt != null).ToListAsync(cancellationToken);
        foreach (var line in waiting.Where(l => now - l.ConfirmationAskedAt!.Value > window))
        {
            line.Status = DemandLineStatus.Frozen;
            await lines.SaveChangeAsync(line, "system", "frozen", null, cancellationToken);
            await notifications.NotifyAsync(
                new NotificationRequest(Recipients.OfEmployer(line.Uscc), FrozenKind, [line.TitleZh, line.TitleEn], $"/Ledger/Lines/Detail/{line.Id}", $"{FrozenKind}.{line.Id}.{line.ConfirmationAskedAt!.Value.ToUnixTimeSeconds()}"),
                cancellationToken);
            frozen++;
        }

        var asked = 0;
        var due = await db.Lines.Where(l => l.Status == DemandLineStatus.Open && l.ConfirmationAskedAt == null).ToListAsync(cancellationToken);
        foreach (var line in due.Where(l => now - l.ConfirmedAt >= interval))
        {
            var token = NewToken();
            db.ConfirmationTokens.Add(new ConfirmationToken { LineId = line.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + window });
            line.ConfirmationAskedAt = now;
            db.LineEvents.Add(new LineEvent { LineId = line.Id, At = now, By = "system", Kind = "asked" });
            await db.SaveChangesAsync(cancellationToken);
            await notifications.NotifyAsync(
                new NotificationRequest(
                    Recipients.OfEmployer(line.Uscc), AskKind,
                    [line.TitleZh, line.TitleEn, line.Headcount.ToString(CultureInfo.InvariantCulture), BeijingTime.Format(now + window)],
                    $"/Ledger/Confirm/{token}", $"{AskKind}.{line.Id}.{now.ToUnixTimeSeconds()}"),
                cancellationToken);
            asked++;
        }

        return (asked, frozen);
    }

    /// <summary>The one-click link: confirms the line its token was made for, once, before it expires.</summary>
    public async Task<(ConfirmResult Result, Line? Line)> ConfirmByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (ConfirmResult.Unknown, null);
        }

        var hash = Hash(token.Trim());
        var row = await db.ConfirmationTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null)
        {
            return (ConfirmResult.Unknown, null);
        }

        var line = await db.Lines.FirstAsync(l => l.Id == row.LineId, cancellationToken);
        if (row.UsedAt is not null)
        {
            return (ConfirmResult.Used, line);
        }

        if (clock.GetUtcNow() > row.ExpiresAt)
        {
            return (ConfirmResult.Expired, line);
        }

        row.UsedAt = clock.GetUtcNow();
        return (await ConfirmAsync(line, "link", cancellationToken), line);
    }

    /// <summary>The enterprise says the line is still needed: the question is answered and a frozen line is open again.</summary>
    public async Task<ConfirmResult> ConfirmAsync(Line line, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Status is DemandLineStatus.Closed or DemandLineStatus.Filled)
        {
            await db.SaveChangesAsync(cancellationToken);
            return ConfirmResult.Closed;
        }

        line.ConfirmedAt = clock.GetUtcNow();
        line.ConfirmationAskedAt = null;
        line.Status = DemandLineStatus.Open;
        await lines.SaveChangeAsync(line, by, "confirmed", null, cancellationToken);
        return ConfirmResult.Confirmed;
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Runs <see cref="WeeklyConfirmations"/> every hour (a line is asked a week after its last confirmation, not all on one day).</summary>
internal sealed class WeeklyConfirmationJob(WeeklyConfirmations confirmations) : IQueuedJob
{
    public const string Kind = "ledger.still-needed";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (asked, frozen) = await confirmations.RunAsync(cancellationToken);
        await run.ReportProgressAsync(asked + frozen, asked + frozen, null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"asked\":{asked},\"frozen\":{frozen}}}");
    }
}
