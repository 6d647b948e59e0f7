namespace Wenjiu.Payments.Domain;

/// <summary>
/// An HR service agency (人力资源服务机构) registered for the placement subsidy: its users (role <c>hr_agency</c>) are bound
/// to it by its unified social credit code, as enterprise users are to their employer. Not paid until staff verified
/// its job-intermediary licence.
/// </summary>
internal sealed class Agency
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The licence number (人力资源服务许可证) as the agency typed it.</summary>
    public string LicenceNumber { get; set; } = "";

    public string RegisteredBy { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Who verified the licence, and when; null while unverified.</summary>
    public string? VerifiedBy { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}
