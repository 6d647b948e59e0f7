using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.Text.Json;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Calculate;

/// <summary><c>relief calculate FILE.json</c>: the API's calculator from the command line, the same JSON in and out.</summary>
internal static class ReliefCommand
{
    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("FILE.json") { Description = "a calculation request, as for POST /api/v1/relief/calculate" };
        var explain = new Option<bool>("--explain") { Description = "add each line's trace (in English): formula, parameters (value, effective date, official document) and inputs" };
        var calculate = new Command("calculate", "One employer's contributions and relief for one month, as JSON.") { file, explain };
        calculate.SetAction((result, cancellationToken) =>
            CalculateAsync(services, result.GetValue(file)!, result.GetValue(explain), Console.Out, Console.Error, cancellationToken));
        return new Command("relief", "Social-insurance relief: the beijing-2020 rules.") { calculate };
    }

    /// <summary>Exit 0 with the answer on <paramref name="output"/>; 1 with the errors (English, naming each field) on <paramref name="error"/>; 2 without the file.</summary>
    public static async Task<int> CalculateAsync(IServiceProvider services, FileInfo path, bool explain, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!path.Exists)
        {
            await error.WriteLineAsync($"{path.FullName}: no such file.");
            return 2;
        }

        await using var stream = path.OpenRead();
        var outcome = await CalculateRelief.RunAsync(
            stream,
            explain,
            services.GetRequiredService<ReliefRuleSet>(),
            services.GetRequiredService<SmeSizeStandard>(),
            CalculatorText.English,
            cancellationToken);
        if (outcome.IsValid)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(outcome.Response, CalculateRelief.Json));
            return 0;
        }

        await error.WriteLineAsync(JsonSerializer.Serialize(new { title = "The calculation request has errors", errors = outcome.Errors }, CalculateRelief.Json));
        return 1;
    }
}
