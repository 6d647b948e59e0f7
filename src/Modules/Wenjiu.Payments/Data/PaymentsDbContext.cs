using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Events;
using Wenjiu.Payments.Domain;

namespace Wenjiu.Payments.Data;

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public const string Module = "payments";

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentReversal> Reversals => Set<PaymentReversal>();

    public DbSet<PayoutBatch> Batches => Set<PayoutBatch>();

    public DbSet<PayeeAccount> PayeeAccounts => Set<PayeeAccount>();

    public DbSet<RefundRun> RefundRuns => Set<RefundRun>();

    public DbSet<RefundResultRow> RefundResults => Set<RefundResultRow>();

    public DbSet<DistressedApplication> DistressedApplications => Set<DistressedApplication>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Placement> Placements => Set<Placement>();

    public DbSet<SubsidyClaim> SubsidyClaims => Set<SubsidyClaim>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.AddYearMonthNumbers();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Payment>(p =>
        {
            p.ToTable("payments");
            p.Property(x => x.Reference).HasMaxLength(40);
            p.HasIndex(x => x.Reference).IsUnique();
            p.Property(x => x.PayeeUscc).HasMaxLength(18);
            p.Property(x => x.PayeeName).HasMaxLength(200);
            p.Property(x => x.Amount).HasPrecision(16, 2);
            p.Property(x => x.Purpose).HasMaxLength(32);
            p.Property(x => x.PurposeZh).HasMaxLength(100);
            p.Property(x => x.PurposeEn).HasMaxLength(200);
            p.Property(x => x.SourceKind).HasMaxLength(64);
            p.Property(x => x.SourceId).HasMaxLength(64);
            p.Property(x => x.ApprovedBy).HasMaxLength(256);
            // The one guarantee against paying twice on approval: a request is paid by at most one payment.
            p.HasIndex(x => new { x.SourceKind, x.SourceId }).IsUnique();
            p.HasIndex(x => x.PayeeUscc);
            p.HasIndex(x => x.BatchNumber);
        });
        modelBuilder.Entity<PaymentReversal>(r =>
        {
            r.ToTable("payment_reversals");
            r.Property(x => x.Reason).HasMaxLength(500);
            r.Property(x => x.ReversedBy).HasMaxLength(256);
            r.HasIndex(x => x.PaymentId).IsUnique();
            r.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId);
        });
        modelBuilder.Entity<PayoutBatch>(b =>
        {
            b.ToTable("payout_batches");
            b.HasKey(x => x.Number);
            b.Property(x => x.Number).ValueGeneratedNever();
            b.Property(x => x.Total).HasPrecision(18, 2);
            b.Property(x => x.Sha256).HasMaxLength(64);
            b.Property(x => x.CreatedBy).HasMaxLength(256);
            b.Property(x => x.IdempotencyKey).HasMaxLength(100);
            b.HasIndex(x => x.IdempotencyKey).IsUnique();
        });
        modelBuilder.Entity<PayeeAccount>(a =>
        {
            a.ToTable("payee_accounts");
            a.HasKey(x => x.Uscc);
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.Property(x => x.HolderName).HasMaxLength(200);
            a.Property(x => x.RecordedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<RefundRun>(r =>
        {
            r.ToTable("refund_runs");
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.RulesVersion).HasMaxLength(64);
            r.Property(x => x.StartedBy).HasMaxLength(256);
            r.Property(x => x.Refund).HasPrecision(18, 2);
            r.Property(x => x.Message).HasMaxLength(2000);
            r.HasIndex(x => x.Year);
        });
        modelBuilder.Entity<RefundResultRow>(r =>
        {
            r.ToTable("refund_results");
            r.HasKey(x => new { x.Year, x.Uscc });
            r.Property(x => x.Uscc).HasMaxLength(18);
            r.Property(x => x.District).HasMaxLength(6);
            r.Property(x => x.Industry).HasMaxLength(32);
            r.Property(x => x.Category).HasMaxLength(16);
            r.Property(x => x.Reason).HasMaxLength(32);
            r.Property(x => x.Months).HasMaxLength(100);
            r.Property(x => x.LayoffRate).HasPrecision(9, 6);
            r.Property(x => x.UnemploymentPaid).HasPrecision(16, 2);
            r.Property(x => x.Refund).HasPrecision(16, 2);
            r.HasIndex(x => new { x.Year, x.Reason });
        });
        modelBuilder.Entity<DistressedApplication>(a =>
        {
            a.ToTable("distressed_applications");
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.Property(x => x.Explanation).HasMaxLength(2000);
            a.Property(x => x.Amount).HasPrecision(16, 2);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.AppliedBy).HasMaxLength(256);
            a.HasIndex(x => new { x.Uscc, x.Year });
        });
        modelBuilder.Entity<Agency>(a =>
        {
            a.ToTable("agencies");
            a.Property(x => x.Uscc).HasMaxLength(18);
            a.HasIndex(x => x.Uscc).IsUnique();
            a.Property(x => x.Name).HasMaxLength(200);
            a.Property(x => x.LicenceNumber).HasMaxLength(64);
            a.Property(x => x.RegisteredBy).HasMaxLength(256);
            a.Property(x => x.VerifiedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Placement>(p =>
        {
            p.ToTable("placements");
            p.Property(x => x.EmployerUscc).HasMaxLength(18);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.Reason).HasMaxLength(40);
            p.Property(x => x.RecordedBy).HasMaxLength(256);
            p.Property(x => x.IdempotencyKey).HasMaxLength(100);
            p.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
            p.HasIndex(x => new { x.AgencyId, x.IdempotencyKey }).IsUnique();
            // One placement of a person in an employer per agency: recording it again (a retried upload) changes nothing.
            p.HasIndex(x => new { x.AgencyId, x.IdNumberHash, x.EmployerUscc }).IsUnique();
            // The same by person number, whichever way the person came (list or referral): a redelivered hire records once.
            // Rows without a person number yet (null) do not meet here, on either database.
            p.HasIndex(x => new { x.AgencyId, x.PersonId, x.EmployerUscc }).IsUnique();
            p.HasIndex(x => x.ReferralCandidateId).IsUnique();
            p.HasIndex(x => x.IdNumberHash);
            p.HasIndex(x => x.PersonId);
            p.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
        });
        modelBuilder.Entity<SubsidyClaim>(c =>
        {
            c.ToTable("subsidy_claims");
            c.Property(x => x.Amount).HasPrecision(16, 2);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            c.HasIndex(x => x.AgencyId);
            c.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
        });
        modelBuilder.PlaceTablesInModule(Module, Database.IsSqlite());
        modelBuilder.MapOutbox(Database.IsSqlite());
        modelBuilder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
