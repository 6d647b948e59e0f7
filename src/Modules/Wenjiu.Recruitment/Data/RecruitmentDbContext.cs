using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Data;

internal sealed class RecruitmentDbContext(DbContextOptions<RecruitmentDbContext> options) : DbContext(options)
{
    public const string Module = "recruitment";

    public DbSet<Posting> Postings => Set<Posting>();

    public DbSet<PostingChange> PostingChanges => Set<PostingChange>();

    public DbSet<Seeker> Seekers => Set<Seeker>();

    public DbSet<ResumeEntry> ResumeEntries => Set<ResumeEntry>();

    public DbSet<SeekerConsent> SeekerConsents => Set<SeekerConsent>();

    public DbSet<SeekerOccupation> SeekerOccupations => Set<SeekerOccupation>();

    public DbSet<Interview> Interviews => Set<Interview>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Fair> Fairs => Set<Fair>();

    public DbSet<Booth> Booths => Set<Booth>();

    public DbSet<QueueEntry> QueueEntries => Set<QueueEntry>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationStageChange> ApplicationStageChanges => Set<ApplicationStageChange>();

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
            p.Property(x => x.IdempotencyKey).HasMaxLength(100);
            p.HasIndex(x => new { x.Uscc, x.IdempotencyKey }).IsUnique();
        });
        modelBuilder.Entity<PostingChange>(c =>
        {
            c.ToTable("posting_changes");
            c.HasIndex(x => x.PostingId);
        });
        modelBuilder.Entity<Seeker>(s =>
        {
            s.ToTable("seekers");
            s.HasIndex(x => x.PersonId).IsUnique();
            s.HasIndex(x => x.UserName).IsUnique();
            s.Property(x => x.UserName).HasMaxLength(256);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            s.Property(x => x.Name).HasMaxLength(100);
            s.Property(x => x.District).HasMaxLength(6);
            s.Property(x => x.Education).HasConversion<string>().HasMaxLength(24);
            s.Property(x => x.School).HasMaxLength(200);
            s.Property(x => x.Major).HasMaxLength(200);
            s.Property(x => x.OriginCounty).HasMaxLength(6);
            s.Property(x => x.Skills).HasMaxLength(1000);
            s.Property(x => x.WantedOccupations).HasMaxLength(400);
            s.Property(x => x.PayMin).HasPrecision(12, 2);
            s.Property(x => x.TaxonomyVersion).HasMaxLength(16);
        });
        modelBuilder.Entity<ResumeEntry>(r =>
        {
            r.ToTable("resume_entries");
            r.HasIndex(x => x.SeekerId);
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Organisation).HasMaxLength(200);
            r.Property(x => x.Title).HasMaxLength(200);
            r.Property(x => x.Occupation).HasMaxLength(64);
            r.Property(x => x.Description).HasMaxLength(2000);
        });
        modelBuilder.Entity<SeekerConsent>(c =>
        {
            c.ToTable("seeker_consents");
            c.HasIndex(x => new { x.SeekerId, x.Uscc });
            c.Property(x => x.Uscc).HasMaxLength(18);
        });
        modelBuilder.Entity<SeekerOccupation>(o =>
        {
            o.ToTable("seeker_occupations");
            o.HasKey(x => new { x.Occupation, x.District, x.SeekerId });
            o.HasIndex(x => x.SeekerId);
            o.Property(x => x.Occupation).HasMaxLength(64);
            o.Property(x => x.District).HasMaxLength(6);
        });
        modelBuilder.Entity<Application>(a =>
        {
            a.ToTable("applications");
            // One application per person and posting: a double click, a concurrent retry or an agency's
            // recommendation of someone who already applied all meet here.
            a.HasIndex(x => new { x.PostingId, x.SeekerId }).IsUnique();
            a.HasIndex(x => new { x.SeekerId, x.IdempotencyKey }).IsUnique();
            a.HasIndex(x => new { x.Uscc, x.SeekerId });
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.Property(x => x.AgencyUscc).HasMaxLength(18);
            a.Property(x => x.IdempotencyKey).HasMaxLength(100);
            a.Property(x => x.Stage).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.RefusalReason).HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.Routes).HasConversion<int>();
        });
        modelBuilder.Entity<ApplicationStageChange>(c =>
        {
            c.ToTable("application_stage_changes");
            c.HasIndex(x => x.ApplicationId);
            c.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.RefusalReason).HasConversion<string>().HasMaxLength(32);
            c.Property(x => x.By).HasMaxLength(256);
        });
        modelBuilder.Entity<Interview>(i =>
        {
            i.ToTable("interviews");
            i.HasIndex(x => x.ApplicationId);
            i.HasIndex(x => new { x.Status, x.StartsAt });
            i.HasIndex(x => x.Uid).IsUnique();
            i.Property(x => x.Link).HasMaxLength(500);
            i.Property(x => x.Uid).HasMaxLength(80);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            i.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Campaign>(c =>
        {
            c.ToTable("campaigns");
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.NameZh).HasMaxLength(200);
            c.Property(x => x.NameEn).HasMaxLength(200);
            c.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Fair>(f =>
        {
            f.ToTable("fairs");
            f.HasIndex(x => x.CampaignId);
            f.HasIndex(x => x.StartsAt);
            f.Property(x => x.NameZh).HasMaxLength(200);
            f.Property(x => x.NameEn).HasMaxLength(200);
            f.Property(x => x.CreatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Booth>(b =>
        {
            b.ToTable("booths");
            // One booth per employer and fair: a second registration changes the first.
            b.HasIndex(x => new { x.FairId, x.Uscc }).IsUnique();
            b.Property(x => x.Uscc).HasMaxLength(18);
            b.Property(x => x.EmployerName).HasMaxLength(200);
            b.Property(x => x.Urgency).HasPrecision(12, 2);
            b.Property(x => x.PostingIds).HasMaxLength(2000);
            b.Property(x => x.RegisteredBy).HasMaxLength(256);
        });
        modelBuilder.Entity<QueueEntry>(q =>
        {
            q.ToTable("queue_entries");
            // One ticket per seeker and booth (a double click joins once); numbers unique within the booth.
            q.HasIndex(x => new { x.BoothId, x.SeekerId }).IsUnique();
            q.HasIndex(x => new { x.BoothId, x.Number }).IsUnique();
            q.Property(x => x.Status).HasConversion<string>().HasMaxLength(8);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());

        // An application's stage changes publish FunnelStageReached in their own transaction (ADR 0009); after the
        // module's placement, which would otherwise move the platform's table into recruitment's schema.
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
