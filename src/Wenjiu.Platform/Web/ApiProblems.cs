using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Localization;

namespace Wenjiu.Platform.Web;

/// <summary>
/// Problem details in the caller's language, the one way every <c>/api/v1</c> endpoint answers an error. A module
/// writes its own messages (the errors of each field, a specific title) from its resources in the request's culture;
/// what no module writes, the framework's English defaults ("Not Found", "One or more validation errors occurred.",
/// the bare 401 of the sign-in cookie, a malformed body), is replaced here by the platform's title for the status code.
/// The language is the request's (<see cref="IRequestCultureFeature"/>: the culture cookie, then Accept-Language),
/// zh-CN when the request never reached the localization middleware.
/// </summary>
public static class ApiProblems
{
    /// <summary>The titles ASP.NET Core writes when nobody gave one (ProblemDetailsDefaults, HttpValidationProblemDetails).</summary>
    private static readonly HashSet<string> FrameworkTitles = new(StringComparer.Ordinal)
    {
        "One or more validation errors occurred.",
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Not Acceptable", "Request Timeout",
        "Conflict", "Precondition Failed", "Payload Too Large", "Unsupported Media Type", "Unprocessable Entity", "Upgrade Required",
        "Too Many Requests", "An error occurred while processing your request.", "Bad Gateway", "Service Unavailable", "Gateway Timeout",
    };

    private static readonly CultureInfo DefaultLanguage = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Problem details (as <c>AddProblemDetails</c>) whose default titles speak the caller's language.</summary>
    public static IServiceCollection AddLocalizedProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Localize);

    /// <summary>The request's UI language, as the localization middleware chose it.</summary>
    public static CultureInfo LanguageOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? DefaultLanguage;
    }

    /// <summary>The validation problem of <paramref name="errors"/> (field → messages, already in the caller's language).</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) => Results.ValidationProblem(errors);

    /// <summary>A problem with its title given in the caller's language (a 404 saying what was not found, a 409 …).</summary>
    public static IResult Problem(int status, string title, string? detail = null) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var language = LanguageOf(context.HttpContext);
        var validation = problem is HttpValidationProblemDetails;
        if (problem.Title is null || FrameworkTitles.Contains(problem.Title))
        {
            var key = validation ? "Problem.Validation" : $"Problem.{problem.Status ?? context.HttpContext.Response.StatusCode}";
            problem.Title = PlatformText.Find(key, language) ?? PlatformText.In(language, "Problem.400");
        }

        if (validation && problem.Detail is null)
        {
            problem.Detail = PlatformText.In(language, "Problem.ValidationDetail");
        }
    }
}
