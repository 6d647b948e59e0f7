using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Domain;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Ledger.Data;

internal sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public const string Module = "ledger";

    public DbSet<KeyEnterprise> KeyEnterprises => Set<KeyEnterprise>();

    public DbSet<Specialist> Specialists => Set<Specialist>();

    public DbSet<Line> Lines => Set<Line>();

    public DbSet<LineEvent> LineEvents => Set<LineEvent>();

    public DbSet<FunnelEntry> Funnel => Set<FunnelEntry>();

    public DbSet<ConfirmationToken> ConfirmationTokens => Set<ConfirmationToken>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KeyEnterprise>(k =>
        {
            k.ToTable("key_enterprises");
            k.Property(x => x.Uscc).HasMaxLength(18);
            k.Property(x => x.Name).HasMaxLength(200);
            k.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            k.Property(x => x.DesignatedBy).HasMaxLength(256);
            k.HasIndex(x => x.Uscc);
        });
        modelBuilder.Entity<Specialist>(s =>
        {
            s.ToTable("specialists");
            s.HasKey(x => x.UserName);
            s.Property(x => x.UserName).HasMaxLength(256);
            s.Property(x => x.Districts).HasMaxLength(400);
            s.Property(x => x.UpdatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Line>(l =>
        {
            l.ToTable("lines");
            l.Property(x => x.Uscc).HasMaxLength(18);
            l.Property(x => x.EmployerName).HasMaxLength(200);
            l.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            l.Property(x => x.Occupation).HasMaxLength(64);
            l.Property(x => x.TitleZh).HasMaxLength(100);
            l.Property(x => x.TitleEn).HasMaxLength(200);
            l.Property(x => x.MustHaveSkills).HasMaxLength(400);
            l.Property(x => x.NiceToHaveSkills).HasMaxLength(400);
            l.Property(x => x.District).HasMaxLength(6);
            l.Property(x => x.Site).HasMaxLength(200);
            l.Property(x => x.PayMin).HasPrecision(12, 2);
            l.Property(x => x.PayMax).HasPrecision(12, 2);
            l.Property(x => x.Shifts).HasMaxLength(100);
            l.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            l.Property(x => x.Specialist).HasMaxLength(256);
            l.Property(x => x.CreatedBy).HasMaxLength(256);
            l.Property(x => x.IdempotencyKey).HasMaxLength(100);
            l.HasIndex(x => new { x.Uscc, x.IdempotencyKey }).IsUnique();
            l.HasIndex(x => new { x.Specialist, x.Status });
            l.HasIndex(x => x.Status);
        });
        modelBuilder.Entity<LineEvent>(e =>
        {
            e.ToTable("line_events");
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Detail).HasMaxLength(500);
            e.HasIndex(x => x.LineId);
            e.HasOne<Line>().WithMany().HasForeignKey(x => x.LineId);
        });
        modelBuilder.Entity<FunnelEntry>(f =>
        {
            f.ToTable("funnel");
            f.Property(x => x.Uscc).HasMaxLength(18);
            f.Property(x => x.Stage).HasConversion<string>().HasMaxLength(16);
            // One entry per candidate: a redelivered or older event changes nothing.
            f.HasIndex(x => x.CandidateId).IsUnique();
            f.HasIndex(x => new { x.PersonId, x.Uscc });
            f.HasIndex(x => x.LineId);
            f.HasOne<Line>().WithMany().HasForeignKey(x => x.LineId);
        });
        modelBuilder.Entity<ConfirmationToken>(t =>
        {
            t.ToTable("confirmation_tokens");
            t.Property(x => x.TokenHash).HasMaxLength(64);
            t.HasIndex(x => x.TokenHash).IsUnique();
            t.HasIndex(x => x.LineId);
            t.HasOne<Line>().WithMany().HasForeignKey(x => x.LineId);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
