using System.Security.Cryptography;
using System.Text;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>
/// The bureau's settings for reviews (section <c>Reviews</c>): when four eyes are needed, and how tasks are distributed.
/// Settings rather than dated rule parameters because they are the bureau's working practice, not the law's: they may
/// change any day and apply to decisions taken from then on (docs/modules/reviews.md).
/// </summary>
internal sealed class ReviewOptions
{
    public const string Section = "Reviews";

    /// <summary>An approval of more than this many yuan needs a second reviewer (default 50,000: above every refund of a small employer).</summary>
    public decimal FourEyesAbove { get; set; } = 50_000m;

    /// <summary>The share (0 … 1) of all other approvals drawn at random for a second reviewer (default 0.1).</summary>
    public double FourEyesShare { get; set; } = 0.1;

    /// <summary>What the draw is seeded with: the same seed draws the same tasks, so a test (or an audit) can repeat it.</summary>
    public string FourEyesSeed { get; set; } = "wenjiu";

    /// <summary>
    /// The first day (Beijing) an enterprise may object to its published size class: the classification was published
    /// 2020-03-09, and the announcement gave 30 days (docs/modules/reviews.md). A running demo or a test moves the window.
    /// </summary>
    public DateOnly ObjectionsOpen { get; set; } = new(2020, 3, 9);

    /// <summary>The last day (Beijing) of the objection window, inclusive.</summary>
    public DateOnly ObjectionsClose { get; set; } = new(2020, 4, 8);

    /// <summary>Reviewer (user name) → the districts (行政区划代码, comma-separated) whose tasks go to them first when distributing.</summary>
    public Dictionary<string, string> ReviewerDistricts { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether an approval of this task is drawn for a second reviewer: a stable draw from the seed and the task's id.</summary>
    public bool DrawsSecondReview(long taskId)
    {
        if (FourEyesShare <= 0)
        {
            return false;
        }

        if (FourEyesShare >= 1)
        {
            return true;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{FourEyesSeed}:{taskId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        var draw = BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue;
        return draw < FourEyesShare;
    }

    public bool NeedsSecondReview(long taskId, decimal? amount) => amount > FourEyesAbove || DrawsSecondReview(taskId);
}
