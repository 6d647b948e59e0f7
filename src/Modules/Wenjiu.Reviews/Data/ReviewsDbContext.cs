using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Reviews.Domain;

namespace Wenjiu.Reviews.Data;

internal sealed class ReviewsDbContext(DbContextOptions<ReviewsDbContext> options) : DbContext(options)
{
    public const string Module = "reviews";

    public DbSet<ReviewTask> Tasks => Set<ReviewTask>();

    public DbSet<ReviewTaskEntry> TaskEntries => Set<ReviewTaskEntry>();

    public DbSet<DeferralApplication> DeferralApplications => Set<DeferralApplication>();

    public DbSet<SizeObjection> SizeObjections => Set<SizeObjection>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReviewTask>(t =>
        {
            t.ToTable("tasks");
            t.Property(x => x.Kind).HasMaxLength(64);
            t.Property(x => x.SubjectId).HasMaxLength(100);
            t.Property(x => x.Uscc).HasMaxLength(18);
            t.Property(x => x.District).HasMaxLength(6);
            t.Property(x => x.TitleZh).HasMaxLength(200);
            t.Property(x => x.TitleEn).HasMaxLength(200);
            t.Property(x => x.Amount).HasPrecision(16, 2);
            t.Property(x => x.CandidateGroup).HasMaxLength(64);
            t.Property(x => x.RefusalReasons).HasMaxLength(8000);
            t.Property(x => x.DetailPath).HasMaxLength(300);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
            t.Property(x => x.Assignee).HasMaxLength(256);
            t.Property(x => x.FirstApprover).HasMaxLength(256);
            t.Property(x => x.Question).HasMaxLength(2000);
            t.Property(x => x.Answer).HasMaxLength(4000);
            t.Property(x => x.AnswerFiles).HasMaxLength(1000);
            t.Property(x => x.OpenedBy).HasMaxLength(256);
            t.Property(x => x.DecidedBy).HasMaxLength(256);
            t.Property(x => x.SecondReviewer).HasMaxLength(256);
            t.Property(x => x.ReasonCodes).HasMaxLength(1000);
            t.Property(x => x.Note).HasMaxLength(2000);
            t.Property(x => x.ChangedBy).HasMaxLength(256);
            // Checked in every UPDATE (WHERE version = the version the form was read at): two reviewers cannot both win.
            t.Property(x => x.Version).IsConcurrencyToken();
            t.Ignore(x => x.IsDecided);
            t.HasIndex(x => new { x.Kind, x.SubjectId }).IsUnique();
            t.HasIndex(x => new { x.Assignee, x.Status, x.DueAt });
            t.HasIndex(x => new { x.Status, x.DueAt });
            t.HasIndex(x => x.Uscc);
        });
        modelBuilder.Entity<ReviewTaskEntry>(e =>
        {
            e.ToTable("task_entries");
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Detail).HasMaxLength(4000);
            e.HasIndex(x => x.TaskId);
            e.HasOne<ReviewTask>().WithMany().HasForeignKey(x => x.TaskId);
        });
        modelBuilder.Entity<DeferralApplication>(a =>
        {
            a.ToTable("deferral_applications");
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.Property(x => x.Reason).HasMaxLength(2000);
            a.Property(x => x.EvidenceFiles).HasMaxLength(1000);
            a.Property(x => x.IdempotencyKey).HasMaxLength(100);
            a.Property(x => x.SubmittedBy).HasMaxLength(256);
            // A double submit (the same form posted twice, an API client's retry) finds the first application.
            a.HasIndex(x => new { x.Uscc, x.IdempotencyKey }).IsUnique();
            a.HasIndex(x => x.TaskId).IsUnique();
            a.HasOne<ReviewTask>().WithMany().HasForeignKey(x => x.TaskId);
        });
        modelBuilder.Entity<SizeObjection>(o =>
        {
            o.ToTable("size_objections");
            o.Property(x => x.Uscc).HasMaxLength(18);
            o.Property(x => x.Published).HasMaxLength(16);
            o.Property(x => x.Claimed).HasMaxLength(16);
            o.Property(x => x.Reason).HasMaxLength(2000);
            o.Property(x => x.EvidenceFiles).HasMaxLength(1000);
            o.Property(x => x.IdempotencyKey).HasMaxLength(100);
            o.Property(x => x.SubmittedBy).HasMaxLength(256);
            o.HasIndex(x => new { x.Uscc, x.IdempotencyKey }).IsUnique();
            o.HasIndex(x => x.TaskId).IsUnique();
            o.HasOne<ReviewTask>().WithMany().HasForeignKey(x => x.TaskId);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
        // ReviewDecided and InformationRequested go out in the same transaction as the decision (ADR 0009).
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
