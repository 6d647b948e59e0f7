using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Wenjiu.Platform.Database;

/// <summary>
/// One DbContext per module (DESIGN.md). On PostgreSQL a module owns a schema; SQLite has no schemas, so
/// there the module name prefixes its tables. Columns are snake_case on both so that hand-written SQL
/// (COPY, reports) reads the same everywhere.
/// </summary>
public static class ModuleDatabase
{
    public const string PostgresMigrationsAssembly = "Wenjiu.Migrations.Postgres";
    public const string SqliteMigrationsAssembly = "Wenjiu.Migrations.Sqlite";

    public static DbContextOptionsBuilder UseWenjiuDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string module)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsPostgres)
        {
            builder.UseNpgsql(options.ConnectionString, npgsql => npgsql
                .MigrationsAssembly(PostgresMigrationsAssembly)
                .MigrationsHistoryTable("__migrations", module));
        }
        else
        {
            builder.UseSqlite(options.ConnectionString, sqlite => sqlite
                .MigrationsAssembly(SqliteMigrationsAssembly)
                .MigrationsHistoryTable($"{module}__migrations"));
        }

        return builder.UseSnakeCaseNamingConvention();
    }

    /// <summary>Puts every table of the model into the module's schema (PostgreSQL) or behind its prefix (SQLite).</summary>
    public static void PlaceTablesInModule(this ModelBuilder modelBuilder, string module, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        foreach (IMutableEntityType entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsOwned() || entity.GetTableName() is not { } table)
            {
                continue;
            }

            if (isSqlite)
            {
                entity.SetTableName($"{module}_{table}");
            }
            else
            {
                entity.SetSchema(module);
            }
        }
    }

    /// <summary>The table's qualified name for hand-written SQL.</summary>
    public static string QualifiedTable(string module, string table, bool isSqlite) =>
        isSqlite ? $"\"{module}_{table}\"" : $"\"{module}\".\"{table}\"";
}
