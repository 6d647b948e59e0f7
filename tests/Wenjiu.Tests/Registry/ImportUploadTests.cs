using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class ImportUploadTests
{
    private static MultipartFormDataContent Upload(string kind, string csv, string fileName = "employers.csv")
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return content;
    }

    private static string EmployersCsv(string name) =>
        $"uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise\n{RegistryData.NewUscc()},{name},software_it,110105,12,100,80,0.4,false\n";

    private static async Task<HttpResponseMessage> PostImportAsync(SignedInClient client, MultipartFormDataContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.Http.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_idempotency_key_returns_the_same_run_instead_of_importing_twice(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var csv = EmployersCsv("北京重试科技有限公司");
        var key = Guid.NewGuid().ToString();

        using var first = await PostImportAsync(admin, Upload("employers", csv), key);
        using var again = await PostImportAsync(admin, Upload("employers", csv), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var againId = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, againId);
        Assert.Equal($"/api/v1/imports/{firstId}", first.Headers.Location?.OriginalString);
        Assert.Equal(1, await RegistryData.QueryAsync(factory, db => db.ImportRuns.CountAsync()));
        // The retry is judged by its hash and not stored again: one file in the store.
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<Wenjiu.Platform.PlatformDbContext>().StoredFiles.Where(f => f.Kind == "import").ToListAsync());
        Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "files", "import"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_key_with_another_file_is_refused_as_unprocessable(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var key = Guid.NewGuid().ToString();

        using var first = await PostImportAsync(admin, Upload("employers", EmployersCsv("北京甲有限公司")), key);
        using var other = await PostImportAsync(admin, Upload("employers", EmployersCsv("北京乙有限公司")), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await RegistryData.QueryAsync(factory, db => db.ImportRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_program_named_csv_is_refused_by_the_file_store_naming_what_it_is(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var content = new MultipartFormDataContent { { new StringContent("employers"), "kind" } };
        content.Add(new ByteArrayContent([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]), "file", "employers.csv");

        using var response = await PostImportAsync(admin, content, Guid.NewGuid().ToString());
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ELF", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RegistryData.QueryAsync(factory, db => db.ImportRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_upload_without_key_kind_or_file_is_a_400_naming_each(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var content = new MultipartFormDataContent { { new StringContent("payroll"), "kind" } };

        using var response = await PostImportAsync(admin, content, key: null);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("Idempotency-Key", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("file", out _));
        Assert.Equal(0, await RegistryData.QueryAsync(factory, db => db.ImportRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_error_report_lists_every_rejection_as_csv(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var runId = await AddFinishedRunAsync(factory, ("uscc", "91110105X", "uscc_length"), ("name", "\"北京,引号\"", "a reason stored before codes, \"quoted\""));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var response = await staff.GetAsync($"/api/v1/imports/{runId}/errors.csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "行号,列,列名,填写的值,原因\r\n"
            + "2,uscc,统一社会信用代码,91110105X,统一社会信用代码应为 18 位\r\n"
            + "3,name,名称/姓名,\"\"\"北京,引号\"\"\",\"a reason stored before codes, \"\"quoted\"\"\"\r\n",
            csv);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_status_page_shows_the_outcome_the_first_rejections_and_the_report_link(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var runId = await AddFinishedRunAsync(factory, ("district", "110199", "district_unknown"));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var html = await staff.GetPageAsync($"/Registry/Imports/Status/{runId}");
        using var api = await staff.GetAsync($"/api/v1/imports/{runId}");
        var json = await api.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("不是北京市 16 个区之一的 GB/T 2260 代码", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/imports/{runId}/errors.csv\"", html, StringComparison.Ordinal);
        Assert.Contains("data-poll-finished=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(1, json.GetProperty("rows_rejected").GetInt64());
        Assert.True(json.GetProperty("finished").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_page_stores_the_upload_and_goes_to_the_run_status(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var form = await admin.GetPageAsync("/Registry/Imports");
        // The page's form names its fields Kind, Upload and IdempotencyKey.
        using var pageContent = new MultipartFormDataContent
        {
            { new StringContent("employers"), "Kind" },
            { new StringContent(SignedInClient.HiddenValue(form, "IdempotencyKey")), "IdempotencyKey" },
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(EmployersCsv("北京页面上传有限公司")));
        pageContent.Add(file, "Upload", "employers.csv");

        using var response = await admin.Http.PostAsync(new Uri("/Registry/Imports", UriKind.Relative), pageContent);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = await RegistryData.QueryAsync(factory, db => db.ImportRuns.SingleAsync());
        Assert.Equal($"/Registry/Imports/Status/{run.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("employers.csv", run.FileName);
        Assert.Equal(admin.UserName, run.StartedBy);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_run_is_a_404(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var api = await staff.GetAsync($"/api/v1/imports/{Guid.NewGuid()}");
        using var report = await staff.GetAsync($"/api/v1/imports/{Guid.NewGuid()}/errors.csv");
        using var page = await staff.GetAsync($"/Registry/Imports/Status/{Guid.NewGuid()}");

        Assert.All([api, report, page], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
    }

    internal static async Task<Guid> AddFinishedRunAsync(WenjiuFactory factory, params (string Column, string Value, string Reason)[] rejections)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            Kind = ImportKind.Employers,
            FileName = "employers.csv",
            Status = ImportStatus.Completed,
            RowsRead = 10,
            RowsImported = 10 - rejections.Length,
            RowsRejected = rejections.Length,
            StartedBy = "admin",
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            FinishedAt = DateTimeOffset.UtcNow,
        };
        db.ImportRuns.Add(run);
        db.ImportRejections.AddRange(rejections.Select((r, i) => new ImportRejection { ImportRunId = run.Id, Line = i + 2, Column = r.Column, Value = r.Value, Reason = r.Reason }));
        await db.SaveChangesAsync();
        return run.Id;
    }
}
