using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
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
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.ConfigureEvents();
        builder.ConfigureNotifications();
        builder.PlaceTablesInModule(Module, Database.IsSqlite());
        builder.StoreTimesAsSortableTextOnSqlite(Database.IsSqlite());
    }
}
