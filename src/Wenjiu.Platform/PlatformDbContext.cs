using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.ApiTokens;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Notifications;

namespace Wenjiu.Platform;

/// <summary>The platform's own tables: users and roles, their open sign-ins and Data Protection keys (shared by all web nodes), the audit log.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : IdentityDbContext<WenjiuUser>(options), IDataProtectionKeyContext
{
    public const string Module = "platform";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Open sign-ins, the server side of the sign-in cookie (<see cref="DatabaseTicketStore"/>).</summary>
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    /// <summary>Stored files and evidence (issue 8 §6, ADR 0011); the content is in the file store's directory.</summary>
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    /// <summary>Personal access tokens of machine clients, hashed (issue 8 §7, ADR 0012).</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Background work queued or scheduled, one row per run (ADR 0008); Quartz's own tables sit beside it (<c>qrtz_</c>).</summary>
    public DbSet<JobRun> JobRuns => Set<JobRun>();

    /// <summary>Events waiting to be delivered between modules, and which handler handled which (ADR 0009).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<HandledEvent> HandledEvents => Set<HandledEvent>();

    /// <summary>Every user's in-app inbox and e-mail preferences (ADR 0010).</summary>
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    /// <summary>
    /// The audit log is append-only: no code path may change or remove an entry (the hash chain would show it,
    /// but refusing it here keeps a mistake from ever reaching the database).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or removed.");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<WenjiuUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.EmployerUscc).HasMaxLength(18);
            user.Property(u => u.Culture).HasMaxLength(10);
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(100);
            entry.Property(e => e.Record).HasMaxLength(200);
            entry.Property(e => e.ClientAddress).HasMaxLength(64);
            entry.Property(e => e.PreviousHash).HasMaxLength(64);
            entry.Property(e => e.Hash).HasMaxLength(64);
            entry.HasIndex(e => e.OccurredAt);
            entry.HasIndex(e => e.Record);
        });
        builder.Entity<SignInSession>(session =>
        {
            session.ToTable("sign_in_sessions");
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.UserId).HasMaxLength(450);
            session.Property(s => s.SecurityStamp).HasMaxLength(256);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
        });
        builder.Entity<JobRun>(run =>
        {
            run.ToTable("job_runs");
            run.Property(r => r.Kind).HasMaxLength(JobRun.KindLength);
            run.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.StartedBy).HasMaxLength(256);
            run.Property(r => r.ProgressMessage).HasMaxLength(JobRun.MessageLength);
            run.Property(r => r.Result).HasMaxLength(JobRun.ResultLength);
            run.Property(r => r.Error).HasMaxLength(JobRun.ResultLength);
            run.Property(r => r.CancellationRequestedBy).HasMaxLength(256);
            run.Property(r => r.Node).HasMaxLength(200);
            run.Ignore(r => r.IsFinished);
            run.HasIndex(r => r.QueuedAt);
            run.HasIndex(r => new { r.Kind, r.QueuedAt });
            run.HasIndex(r => r.State);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<StoredFile>(file =>
        {
            file.ToTable("stored_files");
            file.Property(f => f.Kind).HasMaxLength(50);
            file.Property(f => f.FileName).HasMaxLength(255);
            file.Property(f => f.ContentType).HasMaxLength(100);
            file.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
            file.Property(f => f.Owner).HasMaxLength(256);
            file.Property(f => f.EmployerUscc).HasMaxLength(18);
            file.Property(f => f.StoragePath).HasMaxLength(300);
            file.HasIndex(f => f.RetainUntil);
            file.HasIndex(f => f.EmployerUscc);
        });
        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.Property(t => t.UserId).HasMaxLength(450);
            token.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
            token.Property(t => t.SecretHash).HasMaxLength(64).IsFixedLength();
            token.Property(t => t.CreatedBy).HasMaxLength(256);
            token.HasIndex(t => t.SecretHash).IsUnique();
            // One live token per label and user, so that "revoke --name" names one; a revoked label may be used again.
            token.HasIndex(t => new { t.UserId, t.Name }).IsUnique().HasFilter("revoked_at IS NULL");
        });
        builder.ConfigureEvents();
        builder.ConfigureNotifications();
        builder.PlaceTablesInModule(Module, Database.IsSqlite());
        builder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
