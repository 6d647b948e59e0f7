using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Rules;

/// <summary>
/// One value of a parameter and the period it is in force: from <see cref="From"/> to <see cref="To"/>, both days
/// included; no <see cref="To"/> means until a later value supersedes it. <see cref="Written"/> keeps the value as the
/// file wrote it, <see cref="FromWritten"/> the start as written (a month or a date), for explanations.
/// </summary>
public sealed record DatedValue(DateOnly From, DateOnly? To, string FromWritten, string Written, decimal Number, YearMonth? MonthValue)
{
    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To.Value);

    public bool IsTrue => Number != 0;

    /// <summary>The value in the form an explanation shows: a number, a month or a yes/no.</summary>
    public object Display(ParameterUnit unit) => unit switch
    {
        ParameterUnit.Month => MonthValue!.Value.ToString(),
        ParameterUnit.Boolean => IsTrue,
        _ => Number,
    };
}

/// <summary>Where a parameter's values come from: the document and an address where it can be read.</summary>
public sealed record ParameterSource(string Document, string Url);

public enum ConfidenceLevel
{
    High,
    Medium,
    Low,
}

/// <summary>How sure we are of the values, and why (policy.md marks what is unconfirmed).</summary>
public sealed record ParameterConfidence(ConfidenceLevel Level, string Note);
