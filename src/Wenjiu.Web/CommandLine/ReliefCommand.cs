using System.CommandLine;
using System.Text.Json;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Web.CommandLine;

/// <summary><c>relief calculate FILE.json</c>: the API's calculator from the command line, the same JSON in and out.</summary>
internal static class ReliefCommand
{
    public static Command Create(WebApplication app)
    {
        var file = new Argument<FileInfo>("FILE.json") { Description = "a calculation request, as for POST /api/v1/relief/calculate" };
        var explain = new Option<bool>("--explain") { Description = "add each line's trace (in English): formula, parameters (value, effective date, source) and inputs" };
        var calculate = new Command("calculate", "One employer's contributions and relief for one month, as JSON.") { file, explain };
        calculate.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName}: no such file.");
                return 2;
            }

            await using var stream = path.OpenRead();
            var outcome = await CalculateRelief.RunAsync(
                stream,
                result.GetValue(explain),
                app.Services.GetRequiredService<ReliefRuleSet>(),
                app.Services.GetRequiredService<SmeSizeStandard>(),
                cancellationToken);
            if (outcome.IsValid)
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(outcome.Response, CalculateRelief.Json));
                return 0;
            }

            await Console.Error.WriteLineAsync(JsonSerializer.Serialize(new { title = "The calculation request has errors", errors = outcome.Errors }, CalculateRelief.Json));
            return 1;
        });
        return new Command("relief", "Social-insurance relief: the beijing-2020 rules.") { calculate };
    }
}
