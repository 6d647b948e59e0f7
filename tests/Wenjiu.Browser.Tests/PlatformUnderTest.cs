using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using Npgsql;
using Wenjiu.Platform.PersonalData;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// The real executable in demo mode on its own PostgreSQL database (scripts/test provides the server), and Debian's
/// Chromium driven by Playwright, launched by path: no browser is ever downloaded.
/// </summary>
public sealed class PlatformUnderTest : IAsyncLifetime
{
    private const string RecordMonth = "2020-04";
    private readonly System.Text.StringBuilder output = new();
    private readonly SemaphoreSlim records = new(1, 1);
    private readonly HashSet<string> layoutChecked = new(StringComparer.Ordinal);
    private bool recordsMade;
    private Process? host;
    private IPlaywright? playwright;
    private static readonly byte[] EncryptionKey = Enumerable.Repeat((byte)7, 32).ToArray();
    private static readonly byte[] LookupKey = Enumerable.Repeat((byte)9, 32).ToArray();
    private string database = "";
    private string dataDirectory = "";
    private string connectionString = "";

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public IBrowser Browser { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("WENJIU_TEST_POSTGRES")
            ?? throw new InvalidOperationException("WENJIU_TEST_POSTGRES is not set: run the suite with scripts/test.");
        database = $"wenjiu_browser_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        dataDirectory = Directory.CreateTempSubdirectory("wenjiu-browser-").FullName;
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "wenjiu.dll"), "--urls", BaseAddress.ToString().TrimEnd('/'), "--contentRoot", AppContext.BaseDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Wenjiu__Demo"] = "true";
        // Every approval drawn for a second reviewer, so the review journey sees four eyes whatever the task id.
        start.Environment["Reviews__FourEyesShare"] = "1";
        start.Environment["Wenjiu__DataDirectory"] = Path.Combine(dataDirectory, "data");
        start.Environment["PersonalData__EncryptionKey"] = Convert.ToBase64String(EncryptionKey);
        start.Environment["PersonalData__LookupKey"] = Convert.ToBase64String(LookupKey);
        host = Process.Start(start)!;
        host.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        host.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        await WaitUntilReadyAsync();

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WENJIU_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = locale, AcceptDownloads = true });
        return await context.NewPageAsync();
    }

    /// <summary>A new browser context signed in with a demo account (<see cref="Wenjiu.Web.DemoData"/>).</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/Account/SignIn");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", Wenjiu.Web.DemoData.Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(page.Url.Contains("/Account/SignIn", StringComparison.Ordinal), await page.InnerTextAsync("main"));
        return page;
    }

    /// <summary>
    /// Persons of the demo city whose insured employment at a key enterprise starts in <paramref name="firstMonth"/> …
    /// <paramref name="lastMonth"/> (<c>yyyymm</c>), one spell each, from the registry the host imported: the demo city is
    /// generated, so who is hired where is read, not known beforehand. The numbers are stored encrypted; the test holds
    /// the host's key.
    /// </summary>
    public async Task<IReadOnlyList<InsuredStart>> InsuredStartsAtKeyEnterprisesAsync(int firstMonth, int lastMonth, int count)
    {
        var protector = new PersonalDataProtector(EncryptionKey, LookupKey);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT DISTINCT ON (p.id) p.id_number_cipher, s.employer_uscc, s.start_month
            FROM registry.employment_spells s
            JOIN registry.persons p ON p.id = s.person_id
            JOIN registry.employers e ON e.uscc = s.employer_uscc
            WHERE e.key_enterprise AND s.start_month BETWEEN @first AND @last
            ORDER BY p.id, s.start_month
            LIMIT @count
            """,
            connection);
        query.Parameters.AddWithValue("first", firstMonth);
        query.Parameters.AddWithValue("last", lastMonth);
        query.Parameters.AddWithValue("count", count);
        var starts = new List<InsuredStart>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var month = reader.GetInt32(2);
            starts.Add(new InsuredStart(protector.Decrypt((byte[])reader[0]), reader.GetString(1), new DateOnly(month / 100, month % 100, 1)));
        }

        return starts;
    }

    /// <summary>True the first time a page (its route shape) is offered for the layout checks in this run.</summary>
    public bool FirstLayoutCheck(string shape)
    {
        lock (layoutChecked)
        {
            return layoutChecked.Add(shape);
        }
    }

    /// <summary>
    /// One record of each kind for the page tests to visit, made once through the pages as a policy officer: an assessed
    /// month, a saved scenario and a run of it, a deferral. (The demo seed itself leaves employers and two imports.)
    /// </summary>
    public async Task EnsureOneRecordOfEachKindAsync()
    {
        await records.WaitAsync();
        try
        {
            if (recordsMade)
            {
                return;
            }

            var page = await SignedInPageAsync("policy");
            await page.GotoAsync("/Relief/Assessments");
            if (await page.Locator("#assessment-runs tbody tr", new() { HasText = RecordMonth }).CountAsync() == 0)
            {
                await page.FillAsync("#Month", RecordMonth);
                await page.ClickAsync("#assess-submit");
                await page.WaitForURLAsync(url => url.Contains("/Relief/Assessments/Run/", StringComparison.Ordinal));
                await page.WaitForSelectorAsync("#run-totals, #assessment-message", new() { Timeout = 180_000 });
            }

            await page.GotoAsync("/Relief/Scenarios");
            await page.ClickAsync("#new-scenario");
            await page.FillAsync("#Name", "单位养老费率 15%（页面测试）");
            // YAML is the advanced option, folded away under the form of the common overrides.
            await page.ClickAsync("#advanced-overrides > summary");
            await page.FillAsync("#OverridesYaml", """
                parameters:
                  pension.employer_rate:
                    values:
                      - { from: 2019-07, to: 2020-01, value: 0.16 }
                      - { from: 2020-02, value: 0.15 }
                """);
            await page.ClickAsync("#scenario-save");
            await page.WaitForSelectorAsync("#scenario-overrides");
            await page.FillAsync("#FirstMonth", RecordMonth);
            await page.FillAsync("#LastMonth", RecordMonth);
            await page.ClickAsync("#run-submit");
            await page.WaitForURLAsync(url => url.Contains("/Relief/Scenarios/Run/", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("#totals-by-class, #run-message", new() { Timeout = 180_000 });

            // Deferrals are recorded by reviewers (docs/permissions.md), not by policy officers.
            await page.Context.CloseAsync();
            page = await SignedInPageAsync("reviewer");
            await page.GotoAsync("/Relief/Deferrals");
            await page.FillAsync("#Input_Uscc", Wenjiu.Web.DemoData.EnterpriseUscc);
            await page.FillAsync("#Input_FirstMonth", "2020-03");
            await page.FillAsync("#Input_LastMonth", "2020-04");
            await page.FillAsync("#Input_Reference", "京人社缓〔2020〕7号");
            await page.ClickAsync("#deferral-submit");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.Context.CloseAsync();
            recordsMade = true;
        }
        finally
        {
            records.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        host?.Dispose();
        records.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (host!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The platform did not become ready: {Output}");
            }

            try
            {
                using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK && Output.Contains("Wenjiu is listening", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A person's insured employment at an employer, from its first month (the first day of it).</summary>
public sealed record InsuredStart(string IdNumber, string EmployerUscc, DateOnly FirstMonth);

[CollectionDefinition(Name)]
public sealed class SharedPlatform : ICollectionFixture<PlatformUnderTest>
{
    public const string Name = "platform";
}
