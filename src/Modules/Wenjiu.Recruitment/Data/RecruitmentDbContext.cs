using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Periods;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Data;

internal sealed class RecruitmentDbContext(DbContextOptions<RecruitmentDbContext> options) : DbContext(options)
{
    public const string Module = "recruitment";

    public DbSet<Posting> Postings => Set<Posting>();

    public DbSet<PostingChange> PostingChanges => Set<PostingChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Posting>(p =>
        {
            p.ToTable("postings");
            p.Property(x => x.Uscc).HasMaxLength(18);
            p.Property(x => x.EmployerName).HasMaxLength(200);
            p.Property(x => x.TitleZh).HasMaxLength(200);
            p.Property(x => x.TitleEn).HasMaxLength(200);
            p.Property(x => x.DescriptionZh).HasMaxLength(4000);
            p.Property(x => x.DescriptionEn).HasMaxLength(4000);
            p.Property(x => x.Occupation).HasMaxLength(64);
            p.Property(x => x.Skills).HasMaxLength(1000);
            p.Property(x => x.District).HasMaxLength(6);
            p.Property(x => x.PayMin).HasPrecision(12, 2);
            p.Property(x => x.PayMax).HasPrecision(12, 2);
            p.Property(x => x.Education).HasConversion<string>().HasMaxLength(24);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.ClosedReason).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.TaxonomyVersion).HasMaxLength(16);
            p.Property(x => x.CreatedBy).HasMaxLength(256);
            // A ledger line is published as one posting, however often its event is delivered.
            p.HasIndex(x => x.DemandLineId).IsUnique();
            p.HasIndex(x => new { x.Status, x.RefreshedAt });
            p.HasIndex(x => x.Uscc);
        });
        modelBuilder.Entity<PostingChange>(c =>
        {
            c.ToTable("posting_changes");
            c.HasIndex(x => x.PostingId);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
