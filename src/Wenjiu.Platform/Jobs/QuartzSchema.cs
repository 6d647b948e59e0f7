using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Wenjiu.Platform.Jobs;

/// <summary>
/// Quartz's tables, created by our migrations (ADR 0008) so that <c>wenjiu migrate</c>, the test templates and a
/// production database whose scheduler account may not run DDL all get them the same way. The script is Quartz 4.7.3's
/// own (it only creates what is missing); its tables sit in the platform's schema on PostgreSQL
/// (<c>platform.qrtz_…</c>) and behind the platform's prefix on SQLite (<c>platform_qrtz_…</c>).
/// </summary>
public static class QuartzSchema
{
    /// <summary>The table prefix Quartz is configured with: the schema-qualified one on PostgreSQL.</summary>
    public static string TablePrefix(bool isSqlite) => isSqlite ? "platform_qrtz_" : "platform.qrtz_";

    /// <summary>Creates Quartz's tables (a migration's <c>Up</c>).</summary>
    public static void Create(MigrationBuilder migrationBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var statement in Statements(isSqlite))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Drops Quartz's tables (a migration's <c>Down</c>), children first.</summary>
    public static void Drop(MigrationBuilder migrationBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        string[] tables =
        [
            "job_status", "misfire_history", "execution_history", "locks", "scheduler_state", "fired_triggers", "paused_job_grps",
            "paused_trigger_grps", "calendars", "blob_triggers", "simprop_triggers", "cron_triggers", "simple_triggers", "triggers",
            "job_details",
        ];
        foreach (var table in tables)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {TablePrefix(isSqlite)}{table};");
        }
    }

    /// <summary>The script's statements with the prefix filled in ({0} the prefix, {1} the same without a schema).</summary>
    public static IReadOnlyList<string> Statements(bool isSqlite)
    {
        var name = $"Wenjiu.Platform.Jobs.Schema.quartz_{(isSqlite ? "sqlite" : "postgres")}.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The Quartz schema script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        var prefix = TablePrefix(isSqlite);
        var unqualified = prefix[(prefix.LastIndexOf('.') + 1)..];
        return reader.ReadToEnd()
            .Replace("{0}", prefix, StringComparison.Ordinal)
            .Replace("{1}", unqualified, StringComparison.Ordinal)
            .Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.Split('\n').Any(line => line.Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }
}
