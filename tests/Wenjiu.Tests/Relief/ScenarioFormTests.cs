using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Rules;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Issue 7 §6: a form for the common scenario overrides (window end, factor per category, a rate) that writes the same
/// overrides as the YAML, with the YAML as the advanced option, and every error in plain words in the reader's language.
/// </summary>
public sealed class ScenarioFormTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_form_writes_the_same_overrides_as_the_yaml_of_the_example_it_stands_for(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var halving = await SaveAsync(officer, "form halving", [new("LargeWindowEnd", "2020-12"), new("LargeFactor", "0.5")]);
        var rate = await SaveAsync(officer, "form rate", [new("PensionRate", "0.14")]);

        Assert.Equal(Overrides(ScenarioExamples.Find("extend-large-halving")!.OverridesYaml), Overrides(await YamlAsync(factory, halving)));
        Assert.Equal(Overrides(ScenarioExamples.Find("pension-rate-14")!.OverridesYaml), Overrides(await YamlAsync(factory, rate)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_saved_scenario_reads_back_into_the_form_and_keeps_its_other_yaml_overrides(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var other = "parameters:\n  unemployment.employer_rate:\n    values:\n      - { from: 2019-07, value: 0.005 }\n";

        var id = await SaveAsync(officer, "mixed", [new("SmeWindowEnd", "2021-06"), new("OverridesYaml", other)]);
        var edit = await officer.GetPageAsync($"/Relief/Scenarios/Edit/{id}");

        var saved = Overrides(await YamlAsync(factory, id));
        Assert.Contains("unemployment.employer_rate", saved.Keys);
        Assert.Equal("2020-02..2021-06=0", saved["relief.payable_factor.sme.work_injury"][1]);
        Assert.Contains("id=\"SmeWindowEnd\" name=\"SmeWindowEnd\" value=\"2021-06\"", edit, StringComparison.Ordinal);
        Assert.Contains("id=\"LargeWindowEnd\" name=\"LargeWindowEnd\" maxlength=\"7\"", edit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_common_field_is_an_error_beside_it_in_the_readers_language(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        KeyValuePair<string, string>[] wrong = [new("Name", "wrong"), new("SmeWindowEnd", "2019-01"), new("LargeFactor", "2"), new("PensionRate", "16")];

        using var zh = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", wrong);
        using var en = await officer.PostFormAsync("/Relief/Scenarios/Edit?culture=en", "/Relief/Scenarios/Edit?culture=en", wrong);

        var chinese = WebUtility.HtmlDecode(await zh.Content.ReadAsStringAsync());
        Assert.Contains("id=\"SmeWindowEnd-error\">减免截止月份须在 2020-02 至 2022-01 之间", chinese, StringComparison.Ordinal);
        Assert.Contains("id=\"LargeFactor-error\">请填写 0 到 1 之间的数字", chinese, StringComparison.Ordinal);
        Assert.Contains("id=\"PensionRate-error\">请填写 0 到 1 之间的费率，如 14% 写作 0.14", chinese, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#LargeFactor\">", chinese, StringComparison.Ordinal);
        var english = WebUtility.HtmlDecode(await en.Content.ReadAsStringAsync());
        Assert.Contains("id=\"LargeFactor-error\">Enter a number from 0 to 1", english, StringComparison.Ordinal);
        Assert.Equal(0, await ReliefData.QueryAsync(factory, db => Task.FromResult(db.Scenarios.Count())));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Yaml_errors_are_said_in_plain_chinese_on_the_chinese_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var unknown = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", [new("Name", "a"), new("OverridesYaml", "parameters:\n  relief.payable_factor.huge.pension:\n    values:\n      - { from: 2019-07, value: 1 }\n")]);
        using var syntax = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", [new("Name", "b"), new("OverridesYaml", "parameters: [oops")]);
        using var overlap = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", [new("Name", "c"), new("OverridesYaml", "parameters:\n  pension.employer_rate:\n    values:\n      - { from: 2019-07, value: 0.16 }\n      - { from: 2020-02, value: 0.14 }\n")]);

        var unknownHtml = WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync());
        Assert.Contains("参数 relief.payable_factor.huge.pension：规则集 beijing-2020 中没有这个参数", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("has no such parameter", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("第 1 行第", WebUtility.HtmlDecode(await syntax.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("自 2019-07 起的取值与自 2020-02 起的取值时间重叠", WebUtility.HtmlDecode(await overlap.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>Each overridden parameter's values as "from..to=value", comparable whichever way they were written.</summary>
    private static Dictionary<string, List<string>> Overrides(string yaml)
    {
        var problems = new List<OverrideProblem>();
        var parsed = ScenarioOverrides.Parse(yaml, ReliefRuleSet.Beijing2020, problems);
        Assert.True(parsed is not null, string.Join("; ", problems));
        return parsed.ToDictionary(
            p => p.Key,
            p => p.Value.Select(v => $"{v.From:yyyy-MM}..{(v.To is { } to ? to.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : "")}={v.Number}").ToList());
    }

    private static async Task<Guid> SaveAsync(SignedInClient officer, string name, KeyValuePair<string, string>[] fields)
    {
        using var saved = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", [new("Name", name), .. fields]);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        return Guid.Parse(Forms.Location(saved).Split('/')[^1]);
    }

    private static Task<string> YamlAsync(WenjiuFactory factory, Guid id) =>
        ReliefData.QueryAsync(factory, db => Task.FromResult(db.Scenarios.Single(s => s.Id == id).OverridesYaml));
}
