using System.Net;
using Microsoft.Data.Sqlite;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

/// <summary>
/// The README's first command on a bare machine: the real executable in the launch profile's Demo environment on the
/// embedded SQLite default creates its database under ./data, migrates, seeds the demo city, prints its address and the
/// demo sign-ins, and a second start keeps the data. Outside Development an error shows the product's own page.
/// </summary>
public sealed class StartUpTests
{
    // One provider: the README's command runs on the embedded SQLite default, which is what this test starts.
    [Fact]
    public async Task The_embedded_default_starts_seeded_and_a_second_start_keeps_the_data()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-start-").FullName;
        try
        {
            var first = await StartDemoAsync(directory);
            Assert.Contains("Wenjiu is listening on http://127.0.0.1:", first, StringComparison.Ordinal);
            Assert.Contains("enterprise", first, StringComparison.Ordinal);
            Assert.Contains("Seeding the demo city", first, StringComparison.Ordinal);
            var employers = await CountAsync(directory, "registry_employers");
            Assert.Equal(2_000, employers);
            var payments = await CountAsync(directory, "payments_payments");
            Assert.True(payments > 1, "the demo city's approved refunds and the agency's subsidy are paid");
            Assert.Equal(1, await CountAsync(directory, "payments_payout_batches"));
            Assert.Equal(2, await CountAsync(directory, "payments_agencies"));

            var second = await StartDemoAsync(directory);
            Assert.DoesNotContain("Seeding the demo city", second, StringComparison.Ordinal);
            Assert.Equal(employers, await CountAsync(directory, "registry_employers"));
            Assert.True(await CountAsync(directory, "registry_employment_spells") > 25_000);
            Assert.Equal(payments, await CountAsync(directory, "payments_payments"));
            Assert.Equal(1, await CountAsync(directory, "payments_refund_runs"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    // One provider: any failing request will do; here a sign-in on the SQLite default after its users' table was renamed away.
    [Fact]
    public async Task Outside_development_an_error_shows_the_products_page_with_a_request_id_in_the_users_language_and_no_internals()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-error-").FullName;
        try
        {
            Assert.Equal(0, (await Executable.RunInAsync(directory, "migrate")).ExitCode);
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "wenjiu.db")}"))
            {
                await connection.OpenAsync();
                await using var drop = connection.CreateCommand();
                drop.CommandText = "ALTER TABLE \"platform_AspNetUsers\" RENAME TO \"platform_users_gone\"";
                await drop.ExecuteNonQueryAsync();
            }

            SqliteConnection.ClearAllPools();
            var address = new Uri($"http://127.0.0.1:{Executable.FreePort()}");
            await using var host = Executable.Start(directory, ["--urls", address.ToString(), "--contentRoot", AppContext.BaseDirectory]);
            await host.WaitUntilAnswersAsync(address);

            var chinese = await FailedSignInAsync(address, "zh-CN");
            var english = await FailedSignInAsync(address, "en");

            Assert.Equal(HttpStatusCode.InternalServerError, chinese.Status);
            Assert.Equal(HttpStatusCode.InternalServerError, english.Status);
            Assert.Contains("请求编号", chinese.Html, StringComparison.Ordinal);
            Assert.Contains("Request ID", english.Html, StringComparison.Ordinal);
            foreach (var (_, html) in new[] { chinese, english })
            {
                Assert.Matches("<code id=\"request-id\">[^<]+</code>", html);
                Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
                Assert.DoesNotContain("wenjiu.af", html, StringComparison.Ordinal); // the cookies the developer page lists
                Assert.DoesNotContain("Accept-Language", html, StringComparison.Ordinal); // and the headers
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_server_listens_where_ASPNETCORE_URLS_says()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-urls-").FullName;
        try
        {
            var address = new Uri($"http://127.0.0.1:{Executable.FreePort()}");
            await using var host = Executable.Start(directory, ["--contentRoot", AppContext.BaseDirectory], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() });

            await host.WaitUntilAnswersAsync(address);

            Assert.Contains($"Wenjiu is listening on {address.ToString().TrimEnd('/')}", host.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Posts the sign-in form to a host without tables: the status and the page that came back.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> FailedSignInAsync(Uri address, string language)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        using var response = await Forms.PostAsync(client, "/Account/SignIn", [new("Input.UserName", "admin"), new("Input.Password", "Wenjiu-demo-2020")]);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts the executable as the launch profile does (Demo), waits until /readyz answers 200, stops it and returns what it printed.</summary>
    private static async Task<string> StartDemoAsync(string workingDirectory)
    {
        var address = new Uri($"http://127.0.0.1:{Executable.FreePort()}");
        await using var host = Executable.Start(
            workingDirectory,
            ["--urls", address.ToString(), "--contentRoot", AppContext.BaseDirectory],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Demo" });
        await host.WaitUntilAnswersAsync(address, "/readyz");
        using var client = new HttpClient { BaseAddress = address };
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        return host.Output;
    }

    private static async Task<long> CountAsync(string directory, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "wenjiu.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
