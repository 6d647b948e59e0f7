using System.Text;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>
/// Import rejections kept what the registry encrypts (issue 7 §3): a rejected employment line's identity number and
/// name were stored in clear and shown whole to every staff role, and a wrong check character's reason named the
/// right one. Now they are stored and shown masked, and the reason only says the check character is wrong.
/// </summary>
public sealed class ImportRejectionPrivacyTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rejected_employment_line_keeps_the_identity_number_and_the_name_masked_everywhere(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司", uscc: ImportFiles.EmployerA);
        var person = ImportFiles.Person2;
        var wrongCheck = ImportFiles.BadIdCheck;
        var longName = "欧阳" + new string('娜', 99);
        var outcome = await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Csv(
            "id_number,name,uscc,start_month,end_month,wage",
            $"{wrongCheck},王芳,{ImportFiles.EmployerA},2018-05,,6000",
            $"{person},{longName},{ImportFiles.EmployerA},2018-05,,6000",
            $"{person},李娜,{ImportFiles.EmployerA},2018-05"));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var stored = await factory.ReportAsync(outcome.RunId);
        var page = await staff.GetPageAsync($"/Registry/Imports/Status/{outcome.RunId}");
        using var report = await staff.GetAsync($"/api/v1/imports/{outcome.RunId}/errors.csv");
        var csv = Encoding.UTF8.GetString(await report.Content.ReadAsByteArrayAsync());

        Assert.Equal(
            [
                (2L, "id_number", ImportFiles.Masked(wrongCheck), "the check character (18th) is wrong"),
                (3L, "name", "欧***", "longer than 100 characters (101)"),
                (4L, "", "", "the line has 4 fields where the header has 6"),
            ],
            stored);
        foreach (var shown in new[] { page, csv })
        {
            Assert.DoesNotContain(wrongCheck, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(person, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(longName, shown, StringComparison.Ordinal);
            Assert.DoesNotContain("李娜", shown, StringComparison.Ordinal);
            Assert.Contains(ImportFiles.Masked(wrongCheck), shown, StringComparison.Ordinal);
            Assert.Contains("校验码（第 18 位）不正确", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("应为", shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rejection_reasons_are_in_the_readers_language(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var outcome = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var chinese = await staff.GetPageAsync($"/Registry/Imports/Status/{outcome.RunId}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/{outcome.RunId}/errors.csv");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var english = await staff.Http.SendAsync(request);
        var englishCsv = Encoding.UTF8.GetString(await english.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.Contains("不能为空", chinese, StringComparison.Ordinal);
        Assert.Contains("同一统一社会信用代码已在第 2 行出现", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("must not be empty", chinese, StringComparison.Ordinal);
        Assert.StartsWith("line,column,column name,value,reason\r\n", englishCsv, StringComparison.Ordinal);
        Assert.Contains("6,name,Name,,must not be empty", englishCsv, StringComparison.Ordinal);
    }
}
