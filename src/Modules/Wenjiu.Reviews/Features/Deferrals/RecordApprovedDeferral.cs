using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Events;
using Wenjiu.Relief.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;

namespace Wenjiu.Reviews.Features.Deferrals;

/// <summary>
/// An approved application becomes the relief engine's deferral input (issue 9 §3), exactly once per task: the
/// application keeps the relief deferral's id, so a redelivered <see cref="ReviewDecided"/> records nothing again. The one
/// gap (a crash after relief recorded it and before the id was kept) ends in relief's own overlap rule refusing the
/// second one, which is logged and kept as done.
/// </summary>
internal sealed partial class RecordApprovedDeferral(ReviewsDbContext db, IDeferralInput deferrals, ILogger<RecordApprovedDeferral> logger) : IEventHandler<ReviewDecided>
{
    public async Task HandleAsync(ReviewDecided message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != DeferralApplications.Kind || message.Outcome != ReviewOutcome.Approved
            || !long.TryParse(message.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        var application = await db.DeferralApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || application.DeferralId is not null)
        {
            return;
        }

        var reference = Reference(message.TaskId);
        var recording = await deferrals.RecordAsync(new ApprovedDeferral(application.Uscc, application.FirstMonth, application.LastMonth, reference), message.SecondReviewer ?? message.DecidedBy, cancellationToken);
        if (recording.DeferralId is { } deferralId)
        {
            application.DeferralId = deferralId;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        LogRefused(logger, application.Id, string.Join("; ", recording.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>The approval's reference as the relief module and the letter show it: the task it was decided in.</summary>
    public static string Reference(long taskId) => string.Create(CultureInfo.InvariantCulture, $"缓缴审核 R{taskId}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approved deferral application {Application} was not recorded by relief: {Errors}")]
    private static partial void LogRefused(ILogger logger, long application, string errors);
}
