using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Rules;

/// <summary>A parameter file that breaks the rules of the format: names the file, the parameter and the problem.</summary>
public sealed class ParameterFileException : Exception
{
    public ParameterFileException()
    {
    }

    public ParameterFileException(string message)
        : base(message)
    {
    }

    public ParameterFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParameterFileException(string file, string? parameter, string problem, Exception? innerException = null)
        : base(parameter is null ? $"{file}: {problem}" : $"{file}: parameter '{parameter}': {problem}", innerException)
    {
        File = file;
        ParameterName = parameter;
        Problem = problem;
    }

    public string? File { get; }

    public string? ParameterName { get; }

    public string? Problem { get; }

    /// <summary>
    /// What is wrong, as a stable code (<c>overlap</c>, <c>gap</c>, <c>not_number</c> …) with <see cref="Arguments"/>, so
    /// that a page can say it in its reader's language; <see cref="Problem"/> stays the English text for logs and files.
    /// </summary>
    public string? Code { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];
}

/// <summary>
/// A computation asked for a month no value of a parameter covers. Never a crash or a silent zero: the caller says
/// which parameter and which month (the API answers 400 naming the month).
/// </summary>
public sealed class ParameterNotInForceException : Exception
{
    public ParameterNotInForceException()
    {
    }

    public ParameterNotInForceException(string message)
        : base(message)
    {
    }

    public ParameterNotInForceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParameterNotInForceException(Parameter parameter, YearMonth month)
        : base($"Parameter '{parameter?.Name}' has no value in force for {month} (its values cover {parameter?.Coverage()}).")
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ParameterName = parameter.Name;
        Month = month;
    }

    public string? ParameterName { get; }

    public YearMonth? Month { get; }
}

/// <summary>A rule set was asked for a parameter it does not define (a typo in a formula or a scenario).</summary>
public sealed class UnknownParameterException : Exception
{
    public UnknownParameterException()
    {
    }

    public UnknownParameterException(string message)
        : base(message)
    {
    }

    public UnknownParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownParameterException(string ruleSet, string parameter)
        : base($"Rule set '{ruleSet}' defines no parameter '{parameter}'.")
    {
        ParameterName = parameter;
    }

    public string? ParameterName { get; }
}
