using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>The promises of interchange.md, against PostgreSQL.</summary>
public sealed class ImportTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mixed_employers_file_imports_the_valid_rows_and_reports_each_broken_rule(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var outcome = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);

        Assert.Equal(new ImportOutcome(outcome.RunId, ImportStatus.Completed, 17, 3, 14, null), outcome);
        Assert.Equal(ImportFiles.EmployersReport, await factory.ReportAsync(outcome.RunId));
        var content = await factory.ContentAsync();
        Assert.Equal(
            [
                $"E {ImportFiles.EmployerA} 北京京华朝阳科技有限公司 software_it 110105 120 15000.50 20000.00 0.200 True Medium",
                $"E {ImportFiles.EmployerB} 北京, 海淀\"恒泰\"商贸有限公司 wholesale 110108 8 300.00 150.25 0.400 True Micro",
                $"E {ImportFiles.EmployerC} 北京市东城嘉和商店 retail 110101 3 80.00 40.00 0.400 False Micro",
            ],
            content.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mixed_employment_file_imports_the_valid_rows_and_reports_each_broken_rule(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        await factory.ImportAsync(ImportKind.Employment, "registered.csv", ImportFiles.RegisteredEmployment);

        var outcome = await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment);

        Assert.Equal(new ImportOutcome(outcome.RunId, ImportStatus.Completed, 20, ImportFiles.EmploymentImported, 14, null), outcome);
        Assert.Equal(ImportFiles.EmploymentReport, await factory.ReportAsync(outcome.RunId));
        var spells = (await factory.ContentAsync()).Where(l => l.StartsWith("S ", StringComparison.Ordinal));
        Assert.Equal(
            new[]
            {
                $"S {ImportFiles.Person1} {ImportFiles.EmployerA} 201901 201912 8000.00",
                $"S {ImportFiles.Person1} {ImportFiles.EmployerA} 202001  8500.50",
                $"S {ImportFiles.Person2} {ImportFiles.EmployerB} 201805  6000.00",
                $"S {ImportFiles.Person3} {ImportFiles.EmployerC} 202003  4800.50",
                $"S {ImportFiles.Person4} {ImportFiles.EmployerA} 201501  9000.00",
                $"S {ImportFiles.Person5} {ImportFiles.EmployerB} 201601 201912 5000.00",
                $"S {ImportFiles.Person5} {ImportFiles.EmployerB} 202001  5600.00",
            }.Order(StringComparer.Ordinal),
            spells);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_person_is_stored_once_with_the_identity_number_encrypted_and_hashed_and_birth_date_and_gender_derived(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);

        await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Wenjiu.Registry.Data.RegistryDbContext>();
        var protector = factory.Service<PersonalDataProtector>();
        var hash = protector.LookupHash(ImportFiles.Person1);
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.IdNumberHash == hash);
        Assert.DoesNotContain(ImportFiles.Person1, Encoding.UTF8.GetString(person.IdNumberCipher), StringComparison.Ordinal);
        Assert.Equal(ImportFiles.Person1, protector.Decrypt(person.IdNumberCipher));
        Assert.Equal(("张伟", ResidentIdentityNumber.BirthDate(ImportFiles.Person1)!.Value, ResidentIdentityNumber.GenderOf(ImportFiles.Person1)), (person.Name, person.BirthDate, person.Gender));
        Assert.Equal(2, await db.EmploymentSpells.CountAsync(s => s.PersonId == person.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Importing_the_same_files_a_second_time_changes_nothing(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        await factory.ImportAsync(ImportKind.Employment, "registered.csv", ImportFiles.RegisteredEmployment);
        var first = await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment);
        var before = await factory.SnapshotAsync();

        var employers = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var second = await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment);

        Assert.Equal(before, await factory.SnapshotAsync());
        Assert.Equal((ImportStatus.Completed, 3L, 14L), (employers.Status, employers.RowsImported, employers.RowsRejected));
        Assert.Equal((first.Status, first.RowsImported, first.RowsRejected), (second.Status, second.RowsImported, second.RowsRejected));
        Assert.Equal(await factory.ReportAsync(first.RunId), await factory.ReportAsync(second.RunId));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_full_export_that_repeats_every_registered_spell_updates_what_changed_adds_what_is_new_and_checks_overlaps(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var header = "id_number,name,uscc,start_month,end_month,wage";
        await factory.ImportAsync(ImportKind.Employment, "january.csv", ImportFiles.Csv(
            header,
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2019-01,2019-12,8000",
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2020-01,,8500",
            $"{ImportFiles.Person2},李娜,{ImportFiles.EmployerB},2018-05,,6000"));
        var before = await factory.SnapshotAsync();

        var outcome = await factory.ImportAsync(ImportKind.Employment, "february.csv", ImportFiles.Csv(
            header,
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2019-01,2019-12,8000",
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2020-01,2020-06,8500",
            $"{ImportFiles.Person2},李娜,{ImportFiles.EmployerB},2018-05,,6100",
            $"{ImportFiles.Person3},刘洋,{ImportFiles.EmployerC},2020-03,,4800",
            $"{ImportFiles.Person2},李娜娜,{ImportFiles.EmployerC},2020-07,,9000",
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2020-05,,9000"));

        Assert.Equal(new ImportOutcome(outcome.RunId, ImportStatus.Completed, 6, 5, 1, null), outcome);
        Assert.Equal(
            [(7L, "start_month", "2020-05", "overlaps the spell of the same person at the same employer on line 3")],
            await factory.ReportAsync(outcome.RunId));
        Assert.Equal(
            new[]
            {
                $"S {ImportFiles.Person1} {ImportFiles.EmployerA} 201901 201912 8000.00",
                $"S {ImportFiles.Person1} {ImportFiles.EmployerA} 202001 202006 8500.00",
                $"S {ImportFiles.Person2} {ImportFiles.EmployerB} 201805  6100.00",
                $"S {ImportFiles.Person2} {ImportFiles.EmployerC} 202007  9000.00",
                $"S {ImportFiles.Person3} {ImportFiles.EmployerC} 202003  4800.00",
            }.Order(StringComparer.Ordinal),
            (await factory.ContentAsync()).Where(l => l.StartsWith("S ", StringComparison.Ordinal)));
        Assert.Equal(
            new[] { "李娜娜", "刘洋", "张伟" }.Order(StringComparer.Ordinal),
            (await factory.ContentAsync()).Where(l => l.StartsWith("P ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).Order(StringComparer.Ordinal));
        var personIds = (string snapshot) => snapshot.Split('\n').Where(l => l.StartsWith("P ", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split(' ')[..3]));
        Assert.Subset(personIds(await factory.SnapshotAsync()).ToHashSet(), personIds(before).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_person_whose_only_line_repeats_the_registered_spell_under_a_new_name_is_renamed_and_nothing_else_changes(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var header = "id_number,name,uscc,start_month,end_month,wage";
        await factory.ImportAsync(ImportKind.Employment, "january.csv", ImportFiles.Csv(
            header,
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2020-01,,8500",
            $"{ImportFiles.Person2},李娜,{ImportFiles.EmployerB},2018-05,,6000"));
        var before = await factory.ContentAsync();

        var outcome = await factory.ImportAsync(ImportKind.Employment, "february.csv", ImportFiles.Csv(
            header,
            $"{ImportFiles.Person1},张伟,{ImportFiles.EmployerA},2020-01,,8500",
            $"{ImportFiles.Person2},李丽娜,{ImportFiles.EmployerB},2018-05,,6000"));

        Assert.Equal((ImportStatus.Completed, 2L, 0L), (outcome.Status, outcome.RowsImported, outcome.RowsRejected));
        var after = await factory.ContentAsync();
        Assert.Equal(
            [(before.Single(l => l.StartsWith($"P {ImportFiles.Person2} ", StringComparison.Ordinal)), after.Single(l => l.StartsWith($"P {ImportFiles.Person2} ", StringComparison.Ordinal)))],
            before.Zip(after).Where(pair => pair.First != pair.Second).ToArray());
        Assert.Contains(after, l => l.StartsWith($"P {ImportFiles.Person2} 李丽娜 ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_with_the_wrong_header_is_refused_whole_with_nothing_written(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var outcome = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.RegisteredEmployment);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("lacks the column(s) industry, district, employees, revenue, total_assets, injury_rate, key_enterprise", factory.English(outcome.Message), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await factory.CountsAsync());
        var run = await factory.RunAsync(outcome.RunId);
        Assert.Equal((ImportStatus.Refused, outcome.Message, 0L), (run.Status, run.Message, run.RowsImported));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_with_bytes_that_are_not_utf8_after_many_valid_rows_is_refused_whole_with_nothing_written(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = Path.Combine(factory.DataDirectory, "employers.csv");
        await using (var file = File.Create(path))
        {
            var rows = ImportFiles.ManyEmployers(60_000).ToList();
            var head = Encoding.UTF8.GetBytes(string.Join("\n", rows.Take(50_001)) + "\n");
            var tail = Encoding.UTF8.GetBytes(string.Join("\n", rows.Skip(50_001)) + "\n");
            await file.WriteAsync(head);
            await file.WriteAsync("北京"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat(",bad\n"u8.ToArray()).ToArray());
            await file.WriteAsync(tail);
        }

        var outcome = await factory.ImportFileAsync(ImportKind.Employers, path, "employers.csv");

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("not UTF-8", factory.English(outcome.Message), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await factory.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_called_xlsx_that_is_not_a_workbook_is_refused_whole(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var outcome = await factory.ImportAsync(ImportKind.Employers, "employers.xlsx", ImportFiles.Employers);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("not an Excel workbook", factory.English(outcome.Message), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await factory.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_empty_file_is_refused(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var outcome = await factory.ImportAsync(ImportKind.Employment, "employment.csv", "");

        Assert.Equal((ImportStatus.Refused, "The file is empty: it has no header row."), (outcome.Status, factory.English(outcome.Message)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_xlsx_workbook_with_the_same_header_is_imported_like_a_csv_file(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = Path.Combine(factory.DataDirectory, "employers.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("单位");
            string[] header = ["uscc", "name", "industry", "district", "employees", "revenue", "total_assets", "injury_rate", "key_enterprise"];
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = header[c];
            }

            object[][] rows =
            [
                [ImportFiles.EmployerA, "北京京华朝阳科技有限公司", "software_it", "110105", 120, 15000.5, 20000, 0.2, true],
                [ImportFiles.BadUscc, "坏码公司", "retail", "110101", 3, 80, 40, 0.4, false],
                [ImportFiles.EmployerB, "北京海淀商贸有限公司", "wholesale", "110108", 8, 300, 150.25, 0.4, "是"],
            ];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    // Text stays text (an 18-digit code typed as a number would lose its last digits, as in Excel).
                    if (rows[r][c] is string text)
                    {
                        sheet.Cell(r + 2, c + 1).SetValue(text);
                    }
                    else
                    {
                        sheet.Cell(r + 2, c + 1).Value = rows[r][c];
                    }
                }
            }

            workbook.SaveAs(path);
        }

        var outcome = await factory.ImportFileAsync(ImportKind.Employers, path, "employers.xlsx");

        Assert.Equal((ImportStatus.Completed, 3L, 2L, 1L), (outcome.Status, outcome.RowsRead, outcome.RowsImported, outcome.RowsRejected));
        Assert.Equal([(3L, "uscc", ImportFiles.BadUscc, "the check character (18th) is wrong")], await factory.ReportAsync(outcome.RunId));
        Assert.Contains($"E {ImportFiles.EmployerA} 北京京华朝阳科技有限公司 software_it 110105 120 15000.50 20000.00 0.200 True Medium", await factory.ContentAsync());
        Assert.Contains($"E {ImportFiles.EmployerB} 北京海淀商贸有限公司 wholesale 110108 8 300.00 150.25 0.400 True Micro", await factory.ContentAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_import_writes_one_audit_entry(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var imported = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var refused = await factory.ImportAsync(ImportKind.Employers, "employers.xlsx", ImportFiles.Employers);

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == RegistryImporter.AuditAction).OrderBy(e => e.Id).Select(e => e.Record).ToListAsync();
        Assert.Equal([$"import_run:{imported.RunId}", $"import_run:{refused.RunId}"], entries);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_queued_import_runs_in_the_background_and_completes_its_run(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = ImportFiles.Write(factory.DataDirectory, "upload-1", ImportFiles.Employers);

        var runId = await factory.Service<BackgroundImports>().EnqueueAsync(ImportKind.Employers, path, "employers.csv", "tester");

        var run = await factory.RunAsync(runId);
        for (var i = 0; i < 200 && run.Status is ImportStatus.Queued or ImportStatus.Running; i++)
        {
            await Task.Delay(50);
            run = await factory.RunAsync(runId);
        }

        Assert.Equal((ImportStatus.Completed, 17L, 3L, 14L, "employers.csv"), (run.Status, run.RowsRead, run.RowsImported, run.RowsRejected, run.FileName));
        Assert.NotNull(run.FinishedAt);
    }
}
