using System.Diagnostics;
using System.Net;
using System.Text;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// The real executable (<c>wenjiu.dll</c> beside the tests, with its appsettings) started as a person starts it: in a
/// working directory of its own, with only the environment given (no environment name unless the test sets one).
/// </summary>
public sealed class Executable : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private Executable(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What it printed so far, standard output and error together.</summary>
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

    public static Executable Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "wenjiu.dll") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing inherited chooses the environment or the address: the test says what it wants.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new Executable(Process.Start(start)!);
    }

    /// <summary>Runs a verb to its end; its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-verb-").FullName;
        try
        {
            return await RunInAsync(directory, arguments);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs a verb to its end in <paramref name="workingDirectory"/> (where its SQLite file is).</summary>
    public static async Task<(int ExitCode, string Output)> RunInAsync(string workingDirectory, params string[] arguments)
    {
        {
            await using var verb = Start(workingDirectory, arguments, new Dictionary<string, string> { ["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await verb.process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"wenjiu {string.Join(' ', arguments)} did not exit within a minute (did it start the web server?): {verb.Output}");
            }

            // The asynchronous readers have the last lines once the process is gone.
            verb.process.WaitForExit();
            return (verb.process.ExitCode, verb.Output);
        }
    }

    /// <summary>Waits until <paramref name="path"/> answers 200 at <paramref name="address"/>; fails if the process exits first.</summary>
    public async Task WaitUntilAnswersAsync(Uri address, string path = "/healthz")
    {
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(process.HasExited, $"the host exited: {Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not answer 200 within 2 minutes: {Output}");
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
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

    /// <summary>Kills the process at once, as <c>kill -9</c> does (SIGKILL): no shutdown, no cleanup.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
