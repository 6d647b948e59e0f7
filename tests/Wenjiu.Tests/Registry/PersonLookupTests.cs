using System.Net;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class PersonLookupTests
{
    [Fact]
    public async Task A_role_that_needs_the_number_sees_it_in_full_and_the_view_is_audited()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        var idNumber = RegistryData.NewIdNumber();
        var person = await RegistryData.AddPersonAsync(factory, "王芳", idNumber);
        await RegistryData.AddSpellAsync(factory, person.Id, employer.Uscc, 201801);
        using var inspector = await SignedInClient.CreateAsync(factory, Roles.LabourInspector);

        using var response = await inspector.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", [new("IdNumber", idNumber)]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<code id=\"person-id-number\">{idNumber}</code>", html, StringComparison.Ordinal);
        Assert.Contains("北京明德软件有限公司", html, StringComparison.Ordinal);
        var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, "person.unmasked"));
        Assert.Equal($"person:{person.Id}", entry.Record);
        Assert.Equal(inspector.UserName, entry.Actor);
    }

    [Fact]
    public async Task Staff_whose_work_needs_no_person_look_up_cannot_open_it()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        var idNumber = RegistryData.NewIdNumber();
        await RegistryData.AddPersonAsync(factory, "王芳", idNumber);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var page = await specialist.GetAsync("/Registry/Persons/Lookup");
        using var officers = await officer.GetAsync("/Registry/Persons/Lookup");

        // docs/permissions.md: only the administrator, reviewers and labour inspectors look persons up.
        Assert.Equal("/Account/Denied", page.Headers.Location?.AbsolutePath);
        Assert.Equal("/Account/Denied", officers.Headers.Location?.AbsolutePath);
        Assert.Empty(await AuditTrail.EntriesAsync(factory, "person.unmasked"));
    }

    [Fact]
    public async Task A_mistyped_number_is_reported_beside_the_field()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        var idNumber = RegistryData.NewIdNumber();
        var wrongCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        using var inspector = await SignedInClient.CreateAsync(factory, Roles.LabourInspector);

        using var response = await inspector.PostFormAsync("/Registry/Persons/Lookup", "/Registry/Persons/Lookup", [new("IdNumber", wrongCheck)]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#IdNumber\">", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"IdNumber-error\">校验码（第 18 位）应为 {idNumber[17]}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enterprise_user_cannot_look_up_persons()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());

        using var response = await enterprise.GetAsync("/Registry/Persons/Lookup");

        Assert.Equal("/Account/Denied", response.Headers.Location?.AbsolutePath);
    }
}
