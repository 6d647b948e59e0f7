using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public const string Module = "registry";

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<EmploymentSpell> EmploymentSpells => Set<EmploymentSpell>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();

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
            e.Ignore(x => x.EntityType);
            e.HasIndex(x => x.Name);
            e.HasIndex(x => new { x.District, x.Industry, x.SizeClass });
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
            s.Property(x => x.EmployerUscc).HasMaxLength(18);
            s.Property(x => x.Wage).HasPrecision(12, 2);
            s.HasIndex(x => new { x.PersonId, x.EmployerUscc, x.StartMonth }).IsUnique();
            s.HasIndex(x => new { x.EmployerUscc, x.StartMonth });
            s.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
            s.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerUscc);
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
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
    }
}
