using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class EditEmployerTests
{
    private static List<KeyValuePair<string, string>> Form(Employer e, string? employees = null, string? revenue = null, string? name = null) =>
    [
        new("Input.Name", name ?? e.Name),
        new("Input.Industry", e.Industry),
        new("Input.District", e.District),
        new("Input.Employees", employees ?? e.Employees.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.Revenue", revenue ?? e.Revenue.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.TotalAssets", e.TotalAssets.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.InjuryRate", "0.4"),
        new("Input.KeyEnterprise", "false"),
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_edit_recomputes_the_size_class_and_is_audited_with_what_changed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司", industry: "software_it", employees: 50, revenue: 500m);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var edit = $"/Registry/Employers/Edit/{employer.Uscc}";

        using var response = await specialist.PostFormAsync(edit, edit, Form(employer, employees: "150", revenue: "1500"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Registry/Employers/Detail/{employer.Uscc}", response.Headers.Location?.OriginalString);
        var saved = await RegistryData.QueryAsync(factory, db => db.Employers.SingleAsync(e => e.Uscc == employer.Uscc));
        Assert.Equal(SizeClass.Medium, saved.SizeClass);
        var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, "employer.updated"));
        Assert.Equal($"employer:{employer.Uscc}", entry.Record);
        Assert.Equal(specialist.UserName, entry.Actor);
        var changes = JsonDocument.Parse(entry.Details!).RootElement;
        Assert.Equal("50", changes.GetProperty("employees").GetProperty("from").GetString());
        Assert.Equal("150", changes.GetProperty("employees").GetProperty("to").GetString());
        Assert.Equal("small", changes.GetProperty("size_class").GetProperty("from").GetString());
        Assert.Equal("medium", changes.GetProperty("size_class").GetProperty("to").GetString());
        Assert.False(changes.TryGetProperty("name", out _));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_is_named_in_the_summary_and_beside_each_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var edit = $"/Registry/Employers/Edit/{employer.Uscc}";

        using var response = await specialist.PostFormAsync(edit, edit, Form(employer, employees: "十二", revenue: "-1", name: ""));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "Input_Employees", "Input_Revenue", "Input_Name" })
        {
            Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.Empty(await AuditTrail.EntriesAsync(factory, "employer.updated"));
        var saved = await RegistryData.QueryAsync(factory, db => db.Employers.SingleAsync(e => e.Uscc == employer.Uscc));
        Assert.Equal(employer.Name, saved.Name);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_employer_with_a_wrong_check_character_is_accepted_only_with_the_override(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var valid = RegistryData.NewUscc();
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var template = new Employer { Name = "北京试点时期有限公司", Industry = "other", District = "110101", Employees = 12, Revenue = 10m, TotalAssets = 10m };
        List<KeyValuePair<string, string>> Fields(bool confirm) =>
            [new("Input.Uscc", wrong), .. Form(template), .. confirm ? new KeyValuePair<string, string>[] { new("Input.OverrideCheckCharacter", "true") } : []];

        using var refused = await specialist.PostFormAsync("/Registry/Employers/Edit", "/Registry/Employers/Edit", Fields(confirm: false));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        using var accepted = await specialist.PostFormAsync("/Registry/Employers/Edit", "/Registry/Employers/Edit", Fields(confirm: true));

        Assert.Contains($"id=\"Input_Uscc-error\">校验码（第 18 位）应为 {valid[17]}", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var saved = await RegistryData.QueryAsync(factory, db => db.Employers.SingleAsync(e => e.Uscc == wrong));
        Assert.True(saved.CheckCharacterOverridden);
        Assert.Equal(SizeClass.Small, saved.SizeClass);
        Assert.Single(await AuditTrail.EntriesAsync(factory, "employer.created"));
    }
}
