using Wenjiu.Platform.Periods;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Data;

internal sealed class ReliefDbContext(DbContextOptions<ReliefDbContext> options) : DbContext(options)
{
    public const string Module = "relief";

    public DbSet<AssessmentRun> AssessmentRuns => Set<AssessmentRun>();

    public DbSet<EmployerAssessment> EmployerAssessments => Set<EmployerAssessment>();

    public DbSet<Deferral> Deferrals => Set<Deferral>();

    public DbSet<Scenario> Scenarios => Set<Scenario>();

    public DbSet<ScenarioRun> ScenarioRuns => Set<ScenarioRun>();

    public DbSet<ScenarioResult> ScenarioResults => Set<ScenarioResult>();

    /// <summary>Months are <c>yyyymm</c> integer columns (<see cref="YearMonthNumberConverter"/>), as the set-based SQL reads them.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AssessmentRun>(r =>
        {
            r.ToTable("assessment_runs");
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.RuleSetName).HasMaxLength(64);
            r.Property(x => x.RuleSetVersion).HasMaxLength(64);
            r.Property(x => x.StartedBy).HasMaxLength(256);
            Money(r.Property(x => x.EmployerDue), r.Property(x => x.EmployerRelief), r.Property(x => x.EmployerPayable), r.Property(x => x.EmployeePayable), r.Property(x => x.Deferred));
            r.HasIndex(x => new { x.Month, x.Version }).IsUnique();
            r.HasIndex(x => new { x.Month, x.IsCurrent });
        });
        modelBuilder.Entity<EmployerAssessment>(a =>
        {
            a.ToTable("employer_assessments");
            a.HasKey(x => new { x.RunId, x.Uscc });
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.Property(x => x.Category).HasMaxLength(16);
            a.Property(x => x.ReportClass).HasMaxLength(24);
            a.Property(x => x.SizeClass).HasMaxLength(8);
            a.Property(x => x.District).HasMaxLength(6);
            a.Property(x => x.Industry).HasMaxLength(32);
            foreach (var property in a.Metadata.GetProperties().Where(p => p.ClrType == typeof(decimal)))
            {
                property.SetPrecision(14);
                property.SetScale(2);
            }

            a.Ignore(x => x.EmployerDue);
            a.Ignore(x => x.EmployerRelief);
            a.Ignore(x => x.EmployerPayable);
            a.Ignore(x => x.EmployeePayable);
            a.HasIndex(x => x.Uscc);
            a.HasOne<AssessmentRun>().WithMany().HasForeignKey(x => x.RunId);
        });
        modelBuilder.Entity<Deferral>(d =>
        {
            d.ToTable("deferrals");
            d.Property(x => x.Uscc).HasMaxLength(18);
            d.Property(x => x.Reference).HasMaxLength(100);
            d.Property(x => x.RecordedBy).HasMaxLength(256);
            d.Property(x => x.RevokedBy).HasMaxLength(256);
            d.Property(x => x.RevocationReason).HasMaxLength(500);
            d.Ignore(x => x.IsRevoked);
            d.HasIndex(x => new { x.Uscc, x.FirstMonth });
        });
        modelBuilder.Entity<Scenario>(s =>
        {
            s.ToTable("scenarios");
            s.Property(x => x.Name).HasMaxLength(100);
            s.Property(x => x.Description).HasMaxLength(2000);
            s.Property(x => x.CreatedBy).HasMaxLength(256);
            s.HasIndex(x => x.Name).IsUnique();
        });
        modelBuilder.Entity<ScenarioRun>(r =>
        {
            r.ToTable("scenario_runs");
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.RuleSetVersion).HasMaxLength(64);
            r.Property(x => x.StartedBy).HasMaxLength(256);
            r.HasOne<Scenario>().WithMany().HasForeignKey(x => x.ScenarioId);
        });
        modelBuilder.Entity<ScenarioResult>(r =>
        {
            r.ToTable("scenario_results");
            r.HasKey(x => new { x.ScenarioRunId, x.Month, x.ReportClass });
            r.Property(x => x.ReportClass).HasMaxLength(24);
            foreach (var property in r.Metadata.GetProperties().Where(p => p.ClrType == typeof(decimal)))
            {
                property.SetPrecision(16);
                property.SetScale(2);
            }

            r.HasOne<ScenarioRun>().WithMany().HasForeignKey(x => x.ScenarioRunId);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
        // The relief events go out in the same transaction as the change they tell of (ADR 0009).
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }

    private static void Money(params Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<decimal>[] properties)
    {
        foreach (var property in properties)
        {
            property.HasPrecision(16, 2);
        }
    }
}
