using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Relief.Domain;

/// <summary>An insured employee's declared monthly wage (yuan).</summary>
internal sealed record InsuredWage(string Id, decimal Wage);

/// <summary>
/// What the rules need to know about an employer: its code (entity type), its own work-injury rate (percent), and
/// either its size class or the facts to compute it from (industry, employees, revenue and assets in 10k yuan).
/// </summary>
internal sealed record EmployerFacts(string Uscc, decimal InjuryRatePercent, SizeClass? GivenSizeClass, string? Industry, SizeFacts? SizeFacts);

/// <summary>One employer's contribution month (费款所属期) with its insured employees' wages.</summary>
internal sealed record EmployerMonth(YearMonth Month, EmployerFacts Employer, IReadOnlyList<InsuredWage> Employees);

/// <summary>The employer's and the employees' sums, per insurance or over all.</summary>
internal sealed record Amounts(decimal EmployerDue, decimal EmployerRelief, decimal EmployerPayable, decimal EmployeePayable)
{
    public static readonly Amounts Zero = new(0, 0, 0, 0);

    public Amounts Add(ContributionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Party == Party.Employer
            ? this with { EmployerDue = EmployerDue + line.Due, EmployerRelief = EmployerRelief + line.Relief, EmployerPayable = EmployerPayable + line.Payable }
            : this with { EmployeePayable = EmployeePayable + line.Payable };
    }
}

/// <summary>
/// One (employee, insurance, party) line: the base and rate (none for the flat medical amount), the full amount due,
/// the relief and what is payable; with its trace when an explanation was asked for.
/// </summary>
internal sealed record ContributionLine(
    string Employee,
    Insurance Insurance,
    Party Party,
    LineKind Kind,
    decimal? Base,
    decimal? Rate,
    decimal Due,
    decimal Relief,
    decimal Payable,
    LineTrace? Trace);

/// <summary>
/// A parameter as a computation used it: name, value, unit, the date its value took effect, and its source: the official
/// documents that set it (issuing body, title, document number, date). Staff's research notes and confidence stay in
/// the parameter file (<see cref="Wenjiu.Platform.Rules.Parameter.Source"/>): a trace goes to enterprises and the public.
/// </summary>
internal sealed record ParameterUse(string Name, object Value, string Unit, string From, string Source);

/// <summary>Why a line is what it is: the formula in words, each step with its numbers, the parameters and inputs used.</summary>
internal sealed record LineTrace(string Formula, IReadOnlyList<string> Steps, IReadOnlyList<ParameterUse> Parameters, IReadOnlyDictionary<string, object> Inputs);

/// <summary>The calculation of one employer's month.</summary>
internal sealed record ReliefCalculation(
    YearMonth Month,
    string RuleSet,
    string RuleSetVersion,
    Rules.CategoryDecision Category,
    Amounts Totals,
    IReadOnlyDictionary<Insurance, Amounts> Insurances,
    IReadOnlyList<ContributionLine> Lines);
