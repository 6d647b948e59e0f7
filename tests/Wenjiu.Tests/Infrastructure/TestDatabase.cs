using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wenjiu.Platform.Database;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// The suite runs against a real PostgreSQL (scripts/test starts one and sets WENJIU_TEST_POSTGRES) and against SQLite,
/// the embedded default of <c>dotnet run</c>: every test that touches the database runs once per provider
/// (<see cref="Providers.Both"/>), as Bitwarden's repository tests do, unless it documents why one is enough.
/// The schema is migrated once per provider into a template (a PostgreSQL template database, a SQLite file); every test
/// host gets its own copy of it, so tests neither see each other's rows nor pay for migrations again.
/// </summary>
public static class TestDatabase
{
    public const string EnvironmentVariable = "WENJIU_TEST_POSTGRES";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;
    private static string? sqliteTemplate;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the suite with scripts/test, which starts a private PostgreSQL.");

    /// <summary>A fresh, migrated, empty PostgreSQL database; its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var templateName = await EnsureTemplateAsync();
        var name = $"wenjiu_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
        return WithDatabase(name);
    }

    /// <summary>A fresh, migrated, empty database of <paramref name="provider"/>; its connection string.</summary>
    /// <param name="directory">Where a SQLite file goes (the test host's own data directory).</param>
    public static async Task<string> CreateAsync(DatabaseProvider provider, string directory) =>
        provider == DatabaseProvider.Postgres ? await CreateAsync() : await CreateSqliteAsync(directory);

    public static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = database,
            Pooling = true,
            MaxPoolSize = 20,
            // Hundreds of test hosts each leave a pool behind (the app, its job scheduler, its outbox dispatcher): let
            // idle connections go after seconds, not Npgsql's five minutes, so the server's connection limit holds.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

    private static async Task<string> CreateSqliteAsync(string directory)
    {
        var templateFile = await EnsureSqliteTemplateAsync();
        var file = Path.Combine(directory, "wenjiu.db");
        File.Copy(templateFile, file, overwrite: true);
        return $"Data Source={file}";
    }

    private static async Task<string> EnsureSqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is not null)
            {
                return sqliteTemplate;
            }

            var directory = Directory.CreateTempSubdirectory("wenjiu-sqlite-template-").FullName;
            var file = Path.Combine(directory, "template.db");
            await using (var factory = new WenjiuFactory($"Data Source={file}", DatabaseProvider.Sqlite))
            {
                await Wenjiu.Platform.Database.DatabaseMigrator.MigrateAsync(factory.Services);
            }

            // The copy must hold every page: no connection may keep a write-ahead log open beside the file.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            sqliteTemplate = file;
            return file;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

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
                await Wenjiu.Platform.Database.DatabaseMigrator.MigrateAsync(factory.Services);
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

/// <summary>The providers a data test runs on: <c>[Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]</c>.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Postgres, DatabaseProvider.Sqlite };

    /// <summary>Each case on each provider: <c>[MemberData(nameof(Cases))] … public static TheoryData&lt;DatabaseProvider, string&gt; Cases =&gt; Providers.Each("a", "b");</c></summary>
    public static TheoryData<DatabaseProvider, T> Each<T>(params T[] cases)
    {
        var data = new TheoryData<DatabaseProvider, T>();
        foreach (var provider in Both)
        {
            foreach (var value in cases)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }

    public static TheoryData<DatabaseProvider, T1, T2, T3> Each<T1, T2, T3>(params (T1, T2, T3)[] cases)
    {
        var data = new TheoryData<DatabaseProvider, T1, T2, T3>();
        foreach (var provider in Both)
        {
            foreach (var (a, b, c) in cases)
            {
                data.Add(provider, a, b, c);
            }
        }

        return data;
    }
}

/// <summary>The real host, configured for PostgreSQL and fixed personal-data keys, not in demo mode.</summary>
public sealed class WenjiuFactory : WebApplicationFactory<Program>
{
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string LookupKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    public static readonly string AuditChainKey = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    private readonly IReadOnlyDictionary<string, string?>? settings;

    static WenjiuFactory()
    {
        // Each host would watch its settings files for changes: one inotify instance each, and the machine's user limit
        // (128) is shared by every test process running. Tests never change those files.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // The same limit for the web root: the layout's versioned links (asp-append-version) watch their files; polling
        // watchers need no inotify instance.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
    }

    /// <summary>A host on PostgreSQL at <paramref name="connectionString"/>.</summary>
    public WenjiuFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
        : this(connectionString, DatabaseProvider.Postgres, settings)
    {
    }

    public WenjiuFactory(string connectionString, DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        ConnectionString = connectionString;
        Provider = provider;
        this.settings = settings;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("wenjiu-test-").FullName;
    }

    public string ConnectionString { get; }

    public DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    /// <summary>Services the test puts in place of the host's (e.g. a clock set to 2020), applied after the host's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A host on a fresh, migrated PostgreSQL database.</summary>
    public static async Task<WenjiuFactory> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(), settings);

    /// <summary>A host on a fresh, migrated database of <paramref name="provider"/> (a SQLite file in its data directory).</summary>
    public static async Task<WenjiuFactory> CreateAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-test-").FullName;
        return new(await TestDatabase.CreateAsync(provider, directory), provider, settings, directory) { TestServices = testServices };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Wenjiu:Demo"] = "false",
            ["Wenjiu:DataDirectory"] = DataDirectory,
            ["PersonalData:EncryptionKey"] = EncryptionKey,
            ["PersonalData:LookupKey"] = LookupKey,
            ["Audit:ChainKey"] = AuditChainKey,
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
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A module's table as hand-written SQL names it on this host's provider (a schema, or a prefix on SQLite).</summary>
    public string Table(string module, string table) => ModuleDatabase.QualifiedTable(module, table, Provider == DatabaseProvider.Sqlite);

    /// <summary>Runs a statement on this host's database as someone with direct access would (no audit, no rules); the rows it touched.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Wenjiu.Platform.PlatformDbContext>();
        return await db.Database.ExecuteSqlRawAsync(sql);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            // A file may still appear while the folder is deleted (a SQLite journal closed by the pool, an index segment
            // the host's last background step wrote): seen as "Directory not empty" after concurrent writers; try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                    return;
                }
                catch (IOException) when (attempt < 5)
                {
                    Thread.Sleep(100 * attempt);
                }
            }
        }
    }
}
