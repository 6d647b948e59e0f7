using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    /// <summary>
    /// SQLite has no time type: EF Core stores a <see cref="DateTimeOffset"/> there as text and refuses to sort or compare it,
    /// because text with different offsets would sort wrongly ("/Registry/Imports" and the audit search answered 500). Every
    /// time the platform stores is UTC (<see cref="TimeProvider.GetUtcNow"/>), so on SQLite each is written as UTC text in
    /// EF Core's own format (<c>2020-02-01 08:00:00.1234567+00:00</c>): the same column type and the same text as before,
    /// which now sorts and compares as the times do. PostgreSQL keeps its <c>timestamptz</c>.
    /// </summary>
    public static void StoreTimesAsSortableTextOnSqlite(this ModelBuilder modelBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (!isSqlite)
        {
            return;
        }

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset))
            {
                property.SetValueConverter(SortableUtcText.Converter);
            }
            else if (property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetValueConverter(SortableUtcText.NullableConverter);
            }
        }
    }

    /// <summary>The table's qualified name for hand-written SQL.</summary>
    public static string QualifiedTable(string module, string table, bool isSqlite) =>
        isSqlite ? $"\"{module}_{table}\"" : $"\"{module}\".\"{table}\"";
}

/// <summary>A time as UTC text that sorts as the time does (see <see cref="ModuleDatabase.StoreTimesAsSortableTextOnSqlite"/>).</summary>
public static class SortableUtcText
{
    /// <summary>EF Core's SQLite format for a <see cref="DateTimeOffset"/>, always at offset +00:00. Trailing zeros of the
    /// fraction are dropped (and its point with them): "…:00+" sorts before "…:00.5+" and ".5+" before ".55+", as it should.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz";

    public static readonly ValueConverter<DateTimeOffset, string> Converter = new(
        value => Write(value),
        text => Read(text));

    public static readonly ValueConverter<DateTimeOffset?, string?> NullableConverter = new(
        value => value == null ? null : Write(value.Value),
        text => text == null ? null : Read(text));

    public static string Write(DateTimeOffset value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
