using Wenjiu.Platform.Database;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Registry.Features.Import;

namespace Wenjiu.Tests.Registry;

/// <summary>The <c>import</c> verb: its exit codes and its error report (issue 2, §2).</summary>
public sealed class ImportCommandTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_verb_exits_0_when_every_row_was_imported_and_writes_the_report_beside_the_file(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = ImportFiles.Write(factory.DataDirectory, "employers.csv", string.Join("\n", ImportFiles.ManyEmployers(3)));

        var exit = await ImportCommand.RunAsync(factory.Services, ImportKind.Employers, new FileInfo(path), report: null, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal("行号,列,列名,填写的值,原因\r\n", await File.ReadAllTextAsync(path + ".errors.csv"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_verb_exits_2_when_some_rows_were_rejected_and_writes_each_rejection_to_the_report(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = ImportFiles.Write(factory.DataDirectory, "employers.csv", ImportFiles.Employers);
        var report = new FileInfo(Path.Combine(factory.DataDirectory, "report.csv"));

        var exit = await ImportCommand.RunAsync(factory.Services, ImportKind.Employers, new FileInfo(path), report, "en", CancellationToken.None);

        Assert.Equal(2, exit);
        var lines = await File.ReadAllLinesAsync(report.FullName);
        Assert.Equal("line,column,column name,value,reason", lines[0]);
        Assert.Equal(ImportFiles.EmployersReport.Length + 1, lines.Length);
        Assert.Equal($"16,uscc,Unified social credit code,{ImportFiles.EmployerA},the same unified social credit code is already on line 2", lines[12]);
        Assert.Equal($"17,,,\"false,{ImportFiles.Uscc(20)},少列公司\",the line has 3 fields where the header has 10", lines[13]);
        Assert.False(File.Exists(path + ".errors.csv"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_verb_exits_1_when_the_file_was_refused_whole_and_says_why_in_the_report(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = ImportFiles.Write(factory.DataDirectory, "employment.csv", ImportFiles.Employers);

        var exit = await ImportCommand.RunAsync(factory.Services, ImportKind.Employment, new FileInfo(path), report: null, CancellationToken.None);

        Assert.Equal(1, exit);
        var lines = await File.ReadAllLinesAsync(path + ".errors.csv");
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(",,,,\"表头缺少列 id_number, start_month, end_month, wage", lines[1], StringComparison.Ordinal);
    }
}
