using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>
/// Spreadsheets that inflate far past their size (issue 7 §4): a 524 KB file whose sheet holds one 512 MiB inline
/// string took the server from 0.5 to 8.3 GB. Each bomb is made here, refused whole with the cap it passed named, and
/// read in bounded memory: the bytes the reading thread allocates are measured (the process as a whole runs other tests
/// beside it, so its working set says nothing of the read; a bomb read alone stays far under 1 GB).
/// </summary>
public sealed class XlsxBombTests
{
    private static readonly string[] Employers = ["uscc", "name", "industry", "district", "employees", "revenue", "total_assets", "injury_rate", "key_enterprise"];

    [Fact]
    public void A_sheet_holding_one_512_mib_inline_string_is_refused_at_the_cell_cap_in_bounded_memory()
    {
        var path = Bomb("inline.xlsx", sheet: s => Sheet(s, row2: w => Repeat(w, "<c r=\"B2\" t=\"inlineStr\"><is><t>", 'A', 512L << 20, "</t></is></c>")));
        Assert.True(new FileInfo(path).Length < 1 << 20, $"the bomb is {new FileInfo(path).Length:N0} bytes on disk");

        var (refusal, allocated) = Read(path);

        Assert.Equal(ImportMessages.Of("cell_too_long", 2, 32_767), refusal);
        Assert.True(allocated < 64L << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_shared_string_table_of_a_gigabyte_is_refused_at_its_cap_in_bounded_memory()
    {
        var item = "<si><t>" + new string('字', 1000) + "</t></si>";
        var path = Bomb("shared.xlsx", sheet: s => Sheet(s), sharedStrings: w =>
        {
            w.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            for (var i = 0; i < 340_000; i++)
            {
                w.Write(item); // about 1 GB of UTF-8
            }

            w.Write("</sst>");
        });

        var (refusal, allocated) = Read(path);

        Assert.Equal(ImportMessages.Of("shared_strings_too_large", 4_000_000, 64L << 20), refusal);
        Assert.True(allocated < 512L << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_part_whose_declared_size_is_over_the_cap_is_refused_before_it_is_inflated()
    {
        var path = Bomb("declared.xlsx", sheet: s => Sheet(s, row2: w => Repeat(w, "<c r=\"B2\" t=\"inlineStr\"><is><t>", 'A', 8L << 20, "</t></is></c>")));

        var (refusal, allocated) = Read(path, new XlsxLimits { MaxPartBytes = 4 << 20 });

        Assert.Equal(ImportMessages.Of("part_too_large", "xl/worksheets/sheet1.xml", 4), refusal);
        Assert.True(allocated < 16L << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_part_that_lies_about_its_size_is_counted_while_it_inflates_and_refused()
    {
        // Two sheets' worth of cells, each under the cell cap, in a part that declares 1 KB.
        var path = Bomb("lying.xlsx", sheet: s => Sheet(s, row2: w =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                w.Write("<c t=\"inlineStr\"><is><t>" + new string('A', 4_000) + "</t></is></c>");
            }
        }, rows: 10));
        LieAboutSizes(path, declared: 1024);

        var (refusal, allocated) = Read(path, new XlsxLimits { MaxPartBytes = 16 << 20 });

        Assert.NotNull(refusal); // refused whole: counted past the cap, or cut at the declared size and malformed
        Assert.True(allocated < 64L << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_normal_workbook_is_still_read_row_by_row()
    {
        var path = Bomb("normal.xlsx", sheet: s => Sheet(s, rows: 20_000));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = XlsxRows.Read(path, Employers).ToList();

        Assert.Equal(20_000, rows.Count);
        Assert.Equal(["91110105MA00000001", "北京第2号有限公司", "software_it", "110105", "12", "100.5", "80", "0.4", "false"], rows[0].Values);
        Assert.Equal(2, rows[0].Line);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256L << 20);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_uploaded_workbook_over_a_cap_is_refused_whole_with_a_message_naming_the_cap(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var path = Bomb("cell.xlsx", sheet: s => Sheet(s, row2: w => Repeat(w, "<c r=\"B2\" t=\"inlineStr\"><is><t>", 'A', 40_000, "</t></is></c>")), directory: factory.DataDirectory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var content = new MultipartFormDataContent();
        content.Add(new StringContent("employers"), "kind");
        content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", "employers.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var upload = await staff.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var runId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement run = default;
        for (var tries = 0; tries < 300; tries++)
        {
            using var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/{runId}");
            english.Headers.AcceptLanguage.ParseAdd("en");
            using var poll = await staff.Http.SendAsync(english);
            run = await poll.Content.ReadFromJsonAsync<JsonElement>();
            if (run.GetProperty("finished").GetBoolean())
            {
                break;
            }

            await Task.Delay(100);
        }

        var html = await staff.GetPageAsync($"/Registry/Imports/Status/{runId}");

        Assert.Equal("refused", run.GetProperty("status").GetString());
        Assert.Contains("第 2 行有一个单元格超过 32767 个字符的上限，整个文件未导入。", html, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync(factory));
    }

    private static async Task<(int Employers, int Rejections)> CountsAsync(WenjiuFactory factory)
    {
        var (employers, _, _, rejections) = await factory.CountsAsync();
        return (employers, rejections);
    }

    private static (string? Refusal, long Allocated) Read(string path, XlsxLimits? limits = null)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        string? refusal = null;
        try
        {
            foreach (var _ in XlsxRows.Read(path, Employers, limits ?? XlsxLimits.Default))
            {
            }
        }
        catch (ImportRefusedException refused)
        {
            refusal = refused.Message;
        }

        return (refusal, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Sheet(StreamWriter w, Action<StreamWriter>? row2 = null, int rows = 1)
    {
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
        for (var c = 0; c < Employers.Length; c++)
        {
            w.Write($"<c r=\"{(char)('A' + c)}1\" t=\"inlineStr\"><is><t>{Employers[c]}</t></is></c>");
        }

        w.Write("</row>");
        for (var r = 2; r < rows + 2; r++)
        {
            w.Write($"<row r=\"{r}\">");
            if (row2 is not null)
            {
                row2(w);
            }
            else
            {
                w.Write($"<c r=\"A{r}\" t=\"inlineStr\"><is><t>91110105MA{r - 1:D8}</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>北京第{r}号有限公司</t></is></c>"
                    + $"<c r=\"C{r}\" t=\"inlineStr\"><is><t>software_it</t></is></c><c r=\"D{r}\" t=\"inlineStr\"><is><t>110105</t></is></c>"
                    + $"<c r=\"E{r}\"><v>12</v></c><c r=\"F{r}\"><v>100.5</v></c><c r=\"G{r}\"><v>80</v></c><c r=\"H{r}\"><v>0.4</v></c>"
                    + $"<c r=\"I{r}\" t=\"inlineStr\"><is><t>false</t></is></c>");
            }

            w.Write("</row>");
        }

        w.Write("</sheetData></worksheet>");
    }

    private static void Repeat(StreamWriter w, string before, char fill, long count, string after)
    {
        w.Write(before);
        var chunk = new string(fill, 1 << 20);
        for (var written = 0L; written < count; written += chunk.Length)
        {
            w.Write(chunk.AsSpan(0, (int)Math.Min(chunk.Length, count - written)));
        }

        w.Write(after);
    }

    /// <summary>A minimal workbook: package and workbook relationships, one sheet, and a shared-string table if given.</summary>
    private static string Bomb(string name, Action<StreamWriter> sheet, Action<StreamWriter>? sharedStrings = null, string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Part(zip, "[Content_Types].xml", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
        Part(zip, "_rels/.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
        Part(zip, "xl/workbook.xml", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"单位\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
        Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + (sharedStrings is null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>") + "</Relationships>"));
        Part(zip, "xl/worksheets/sheet1.xml", sheet);
        if (sharedStrings is not null)
        {
            Part(zip, "xl/sharedStrings.xml", sharedStrings);
        }

        return path;
    }

    private static void Part(ZipArchive zip, string name, Action<StreamWriter> write)
    {
        // Deflate's best ratio (about 1,000 to 1) is what makes a bomb: half a gigabyte in half a megabyte.
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    /// <summary>Rewrites every entry's uncompressed size, in its local header and in the central directory, to <paramref name="declared"/>.</summary>
    private static void LieAboutSizes(string path, uint declared)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), declared);
            }
            else if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declared);
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
