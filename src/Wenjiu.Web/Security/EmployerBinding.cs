using Wenjiu.Registry.Contracts;

namespace Wenjiu.Web.Security;

/// <summary>An enterprise user acts for exactly one employer, named by a unified social credit code of the registry.</summary>
internal static class EmployerBinding
{
    /// <summary>Why the code cannot be bound (in both languages), or null when it can.</summary>
    public static async Task<string?> ProblemAsync(IEmployerDirectory registry, string? uscc, CancellationToken cancellationToken)
    {
        var code = Normalise(uscc);
        if (code.Length == 0)
        {
            return "请输入统一社会信用代码 Enter the employer's unified social credit code";
        }

        var known = await registry.NameAsync(code, cancellationToken) is not null;

        // The registry keeps some pilot-era codes whose check character fails (policy.md §6b): those bind as registered.
        if (!known)
        {
            var validation = UnifiedSocialCreditCode.Validate(code);
            return validation.IsValid
                ? "登记库中没有此统一社会信用代码的单位 No employer with this unified social credit code is in the registry"
                : $"统一社会信用代码无效 The unified social credit code is not valid: {validation.Describe()}";
        }

        return null;
    }

    public static string Normalise(string? uscc) => (uscc ?? "").Trim().ToUpperInvariant();
}
