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

/// <summary>
/// Staff's research note on where a parameter's values were found: the secondary document and an address where it
/// can be read. Kept in the parameter file for staff; an enterprise is shown the <see cref="OfficialDocument"/> instead.
/// </summary>
public sealed record ParameterSource(string Document, string Url);

/// <summary>
/// The official document a parameter's values are set by, as an enterprise is shown it: the issuing body, the title,
/// the document number (文号) when the document has one we have confirmed, the date it was issued and, optionally, the
/// clause. E.g. 人力资源社会保障部 财政部 税务总局, 关于阶段性减免企业社会保险费的通知, 人社部发〔2020〕11号, 2020-02-20, 第一条.
/// </summary>
public sealed record OfficialDocument(string Issuer, string Title, string? Number, DateOnly Date, string? Clause)
{
    /// <summary>人社部发〔2020〕11号《关于阶段性减免企业社会保险费的通知》（人力资源社会保障部 财政部 税务总局，2020-02-20）第一条.</summary>
    public string Citation()
    {
        var date = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var title = Title.StartsWith('《') ? Title : $"《{Title}》";
        return $"{Number}{title}（{Issuer}，{date}）{Clause}";
    }
}

public enum ConfidenceLevel
{
    High,
    Medium,
    Low,
}

/// <summary>How sure we are of the values, and why (policy.md marks what is unconfirmed).</summary>
public sealed record ParameterConfidence(ConfidenceLevel Level, string Note);
