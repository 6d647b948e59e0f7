using Wenjiu.Platform.Periods;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Data;

internal sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public const string Module = "registry";

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<EmploymentSpell> EmploymentSpells => Set<EmploymentSpell>();

    public DbSet<Contribution> Contributions => Set<Contribution>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();

    public DbSet<ImportRequestKey> ImportRequestKeys => Set<ImportRequestKey>();

    public DbSet<PersonLookup> PersonLookups => Set<PersonLookup>();

    /// <summary>Months are <c>yyyymm</c> integer columns (<see cref="YearMonthNumberConverter"/>), as the set-based SQL reads them.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Employer>(e =>
        {
            e.ToTable("employers");
            e.HasKey(x => x.Uscc);
            e.Property(x => x.Uscc).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Industry).HasMaxLength(32);
            e.Property(x => x.District).HasMaxLength(6);
            e.Property(x => x.Revenue).HasPrecision(18, 2);
            e.Property(x => x.TotalAssets).HasPrecision(18, 2);
            e.Property(x => x.InjuryRate).HasPrecision(5, 3);
            e.Property(x => x.SizeClass).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.PublishedSizeClass).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.ObjectionSizeClass).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.ObjectionReference).HasMaxLength(64);
            e.Property(x => x.ReclassifiedBy).HasMaxLength(256);
            e.Ignore(x => x.EntityType);
            e.Ignore(x => x.PublishedClass);
            e.Ignore(x => x.PolicySizeClass);
            e.HasIndex(x => x.Name);
            e.HasIndex(x => new { x.District, x.Industry, x.SizeClass });

            // Key enterprises are a few thousand of 615,000: a partial index answers the key-flag filter in name order.
            e.HasIndex(x => x.Name, "ix_employers_key_enterprise_name").HasDatabaseName("ix_employers_key_enterprise_name").HasFilter("key_enterprise");
            if (Database.IsNpgsql())
            {
                // "Name contains" is LIKE '%…%'; a trigram index serves it for three or more characters (Chinese too).
                e.HasIndex(x => x.Name, "ix_employers_name_trigram").HasDatabaseName("ix_employers_name_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            }
        });
        modelBuilder.Entity<Person>(p =>
        {
            p.ToTable("persons");
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.Gender).HasConversion<string>().HasMaxLength(6);
            p.HasIndex(x => x.IdNumberHash).IsUnique();
        });
        modelBuilder.Entity<EmploymentSpell>(s =>
        {
            s.ToTable("employment_spells");

            // The import's upsert key (interchange.md: identity number + employer + first month) is the key itself; no
            // foreign keys: the importer is the only writer and guarantees both (docs/adr/0004).
            s.HasKey(x => new { x.PersonId, x.EmployerUscc, x.StartMonth });
            s.Property(x => x.EmployerUscc).HasMaxLength(18);
            s.Property(x => x.Wage).HasPrecision(12, 2);
            s.HasIndex(x => new { x.EmployerUscc, x.StartMonth });
        });
        modelBuilder.Entity<Contribution>(c =>
        {
            c.ToTable("contributions");

            // The import's upsert key (interchange.md: uscc + month); in this order the refund batch reads an employer's
            // months together.
            c.HasKey(x => new { x.EmployerUscc, x.Month });
            c.Property(x => x.EmployerUscc).HasMaxLength(18);
            c.Property(x => x.Due).HasPrecision(14, 2);
            c.Property(x => x.Paid).HasPrecision(14, 2);
            c.Property(x => x.UnemploymentPaid).HasPrecision(14, 2);
        });
        modelBuilder.Entity<ImportRun>(r =>
        {
            r.ToTable("import_runs");
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.FileName).HasMaxLength(260);
            r.Property(x => x.StartedBy).HasMaxLength(256);
            r.HasIndex(x => x.StartedAt);
        });
        modelBuilder.Entity<ImportRejection>(r =>
        {
            r.ToTable("import_rejections");
            r.Property(x => x.Column).HasMaxLength(64);
            r.Property(x => x.Value).HasMaxLength(300);
            r.Property(x => x.Reason).HasMaxLength(300);
            r.HasIndex(x => new { x.ImportRunId, x.Line });
        });
        modelBuilder.Entity<ImportRequestKey>(k =>
        {
            k.ToTable("import_request_keys");
            k.HasKey(x => new { x.Owner, x.Key });
            k.Property(x => x.Owner).HasMaxLength(256);
            k.Property(x => x.Key).HasMaxLength(100);
            k.Property(x => x.RequestHash).HasMaxLength(64);
        });

        modelBuilder.Entity<PersonLookup>(l =>
        {
            l.ToTable("person_lookups");
            l.Property(x => x.Actor).HasMaxLength(256);
            l.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(16);
            l.Property(x => x.Note).HasMaxLength(200);
            l.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            l.HasIndex(x => new { x.Actor, x.OccurredAtUtc });
            l.HasIndex(x => new { x.Outcome, x.OccurredAtUtc });
        });

        if (Database.IsNpgsql())
        {
            modelBuilder.HasPostgresExtension("pg_trgm");
        }

        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());

        // A reclassification publishes EmployerReclassified in its own transaction (ADR 0009); after the module's
        // placement, which would otherwise move the platform's table into the registry's schema.
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
