using Wenjiu.Registry.Contracts;

namespace Wenjiu.Relief.Contracts;

/// <summary>The 2020 relief category of an employer (relief-rules.md "Who gets which relief"), as other modules see it.</summary>
public enum EmployerReliefCategory
{
    /// <summary>Micro, small and medium enterprises and individual businesses (<c>sme</c>).</summary>
    Sme,

    /// <summary>Large enterprises and the other non-state units (<c>large_or_other</c>).</summary>
    LargeOrOther,

    /// <summary>Government organs and public institutions (<c>none</c>).</summary>
    None,
}

/// <summary>
/// The relief category as the relief module decides it (its category table, by the code's entity type, then the size
/// class): other rules that depend on it (the stable-job refund's 100% or 50%) ask here instead of copying the table.
/// </summary>
public interface IReliefCategories
{
    EmployerReliefCategory CategoryOf(string uscc, SizeClass sizeClass);
}
