using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Data.Certificates;
using Rasens.Data.Events;
using Rasens.Data.Messaging;
using Rasens.Data.Notices;
using Rasens.Data.Numbers;
using Rasens.Data.Persistence;
using Rasens.Data.Procedures;

namespace Rasens.Data;

/// <summary>
/// The one model both apps share, on SQLite or PostgreSQL. Table and column names are snake_case on
/// both engines so hand-written SQL reads the same everywhere.
/// </summary>
public sealed class RasensDbContext(DbContextOptions<RasensDbContext> options, TimeProvider? clock = null, CaseDeadlines? deadlines = null) : DbContext(options)
{
    private static readonly CaseDeadlines DefaultDeadlines = new();
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly CaseDeadlines _deadlines = deadlines ?? DefaultDeadlines;

    private const string EventOrderLock = "SELECT pg_advisory_xact_lock(7243001)";
    private const string EventNotify = "NOTIFY " + EventDispatcher.Channel;

    public DbSet<ApplicantUser> ApplicantUsers => Set<ApplicantUser>();

    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();

    public DbSet<EmailLink> EmailLinks => Set<EmailLink>();

    public DbSet<IdentityVerification> IdentityVerifications => Set<IdentityVerification>();

    public DbSet<Procedure> Procedures => Set<Procedure>();

    public DbSet<ProcedureText> ProcedureTexts => Set<ProcedureText>();

    public DbSet<Favourite> Favourites => Set<Favourite>();

    public DbSet<SearchSynonym> SearchSynonyms => Set<SearchSynonym>();

    public DbSet<StatusOfResidence> StatusesOfResidence => Set<StatusOfResidence>();

    public DbSet<NotificationContent> NotificationContents => Set<NotificationContent>();

    public DbSet<RegionalOffice> Offices => Set<RegionalOffice>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<StatusHistoryEntry> StatusHistory => Set<StatusHistoryEntry>();

    public DbSet<CorrectionRequest> CorrectionRequests => Set<CorrectionRequest>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<InternalNote> InternalNotes => Set<InternalNote>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<GeneralNotice> GeneralNotices => Set<GeneralNotice>();

    public DbSet<CertificateOfEligibility> Certificates => Set<CertificateOfEligibility>();

    public DbSet<CoeReminder> CoeReminders => Set<CoeReminder>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<EmailAttempt> EmailAttempts => Set<EmailAttempt>();

    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();

    public DbSet<EventCursor> EventCursors => Set<EventCursor>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<CaseCount> CaseCounts => Set<CaseCount>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareForSave();
        var deltas = CaseCountDeltas.Of(ChangeTracker);
        var serialize = WritesEvents();
        if (deltas.Count == 0 && !serialize)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        if (serialize)
        {
            Database.ExecuteSqlRaw(EventOrderLock);
        }

        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        CaseCountDeltas.Apply(Database, deltas);
        if (serialize)
        {
            Database.ExecuteSqlRaw(EventNotify);
        }

        transaction?.Commit();
        return saved;
    }

    /// <summary>
    /// Saves, and in the same transaction moves the case counts the change affects (opening one if the caller
    /// has none), so a count is never ahead of or behind the cases it counts. On PostgreSQL a save that writes
    /// events first takes one advisory lock, held to commit: event ids are then handed out in commit order, so a
    /// reader that has seen event n never later finds a smaller one (Events/README.md); and it NOTIFYs the
    /// dispatchers, which PostgreSQL delivers at commit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareForSave();
        var deltas = CaseCountDeltas.Of(ChangeTracker);
        var serialize = WritesEvents();
        if (deltas.Count == 0 && !serialize)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        if (serialize)
        {
            await Database.ExecuteSqlRawAsync(EventOrderLock, cancellationToken);
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await CaseCountDeltas.ApplyAsync(Database, deltas, cancellationToken);
        if (serialize)
        {
            await Database.ExecuteSqlRawAsync(EventNotify, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    private bool WritesEvents() =>
        Database.IsNpgsql() && ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name (house style): readable in SQL and safe against reordering.
        configurationBuilder.Properties<ApplicationStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Workflow>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CaseAction>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ActorRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<StaffRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ApplicantUserType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ProcedureKind>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<NotificationClassification>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AttachmentKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CorrectionItemKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AuditOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CertificateStatus>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<EmailLinkPurpose>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<VerificationPurpose>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<VerificationState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SimultaneousApplications>().HaveConversion<int>();
        configurationBuilder.Properties<CaseStage>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EmailState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EmailAttemptOutcome>().HaveConversion<string>().HaveMaxLength(16);

        // Every instant is UTC; SQLite returns Unspecified without this.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

        // Durations as ticks: comparable and summable on both engines.
        configurationBuilder.Properties<TimeSpan>().HaveConversion<long>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RasensDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    /// <summary>
    /// Within the save's own transaction: bump the version of every changed aggregate (the optimistic
    /// concurrency token both engines check), set its deadline, and turn raised domain events into outbox rows.
    /// </summary>
    private void PrepareForSave()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Application>().ToList())
        {
            var application = entry.Entity;
            if (entry.State == EntityState.Modified)
            {
                application.IncrementVersion();
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                application.SetDueAt(_deadlines.DueAt(application));
            }

            foreach (var domainEvent in application.Events)
            {
                OutboxEvents.Add(new OutboxEvent
                {
                    CreatedAt = now,
                    Type = domainEvent.Type,
                    Application = application,
                    ApplicantId = domainEvent.ApplicantId,
                    OfficeId = domainEvent.OfficeId,
                    Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), EventJson),
                });
            }

            application.ClearEvents();
        }

        foreach (var entry in ChangeTracker.Entries<CertificateOfEligibility>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
