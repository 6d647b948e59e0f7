using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// The suite runs against a real PostgreSQL (scripts/test starts one and sets WENJIU_TEST_POSTGRES).
/// The schema is migrated once into a template database; every test host gets its own copy of it, so tests
/// neither see each other's rows nor pay for migrations again.
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "WENJIU_TEST_POSTGRES";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the suite with scripts/test, which starts a private PostgreSQL.");

    /// <summary>A fresh, migrated, empty database; its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var templateName = await EnsureTemplateAsync();
        var name = $"wenjiu_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
        return WithDatabase(name);
    }

    public static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null)
            {
                return template;
            }

            var name = $"wenjiu_template_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            await using (var factory = new WenjiuFactory(WithDatabase(name)))
            {
                await Web.DatabaseMigrator.MigrateAsync(factory.Services);
            }

            // A template must have no open connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            template = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The real host, configured for PostgreSQL and fixed personal-data keys, not in demo mode.</summary>
public sealed class WenjiuFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string LookupKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public string ConnectionString { get; } = connectionString;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("wenjiu-test-").FullName;

    public static async Task<WenjiuFactory> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(), settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Wenjiu:Demo"] = "false",
            ["Wenjiu:DataDirectory"] = DataDirectory,
            ["PersonalData:EncryptionKey"] = EncryptionKey,
            ["PersonalData:LookupKey"] = LookupKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(values));
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
