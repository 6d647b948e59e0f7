using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;

namespace Wenjiu.Tests;

/// <summary>
/// The README's first command on a bare machine: the real executable in Development on the embedded SQLite default
/// creates its database under ./data, migrates, seeds the demo city, prints its address and the demo sign-ins, and a
/// second start keeps the data.
/// </summary>
public sealed class StartUpTests
{
    [Fact]
    public async Task The_embedded_default_starts_seeded_and_a_second_start_keeps_the_data()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-start-").FullName;
        try
        {
            var first = await StartAsync(directory);
            Assert.Contains("Wenjiu is listening on http://127.0.0.1:", first, StringComparison.Ordinal);
            Assert.Contains("enterprise", first, StringComparison.Ordinal);
            Assert.Contains("Seeding the demo city", first, StringComparison.Ordinal);
            var employers = await CountAsync(directory, "registry_employers");
            Assert.Equal(2_000, employers);

            var second = await StartAsync(directory);
            Assert.DoesNotContain("Seeding the demo city", second, StringComparison.Ordinal);
            Assert.Equal(employers, await CountAsync(directory, "registry_employers"));
            Assert.True(await CountAsync(directory, "registry_employment_spells") > 25_000);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts the executable, waits until /readyz answers 200, stops it and returns what it printed.</summary>
    private static async Task<string> StartAsync(string workingDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "wenjiu.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", AppContext.BaseDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                Assert.False(process.HasExited, $"the host exited: {output}");
                Assert.True(DateTime.UtcNow < deadline, $"not ready within 2 minutes: {output}");
                try
                {
                    using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
                        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(250);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task<long> CountAsync(string directory, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "wenjiu.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
