namespace Wenjiu.Platform.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database the platform runs on. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite is the embedded default so that <c>dotnet run</c> works on a bare machine; production uses PostgreSQL.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/wenjiu.db";

    /// <summary>Apply pending migrations when the host starts (on by default only in demo mode).</summary>
    public bool MigrateOnStart { get; set; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;
}
