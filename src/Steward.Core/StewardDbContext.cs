using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Audit;
using Steward.Core.Identity;
using Steward.Core.Knowledge;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;
using Steward.Core.Notifications;
using Steward.Core.Processes;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;

namespace Steward.Core;

/// <remarks>
/// Contexts are pooled (creating one costs more than a small query), so the constructor takes only
/// the options and <see cref="For"/> gives each lease its actor. Until then, and after the lease ends,
/// the actor is nobody (<see cref="Actor.Kind.Nobody"/>): a context nobody set up sees no tenant's rows and may
/// write nothing.
/// </remarks>
public sealed class StewardDbContext(DbContextOptions<StewardDbContext> options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    Actor actor = new();
    IClock clock = SystemClock.Instance;
    WriteGate writeGate = WriteGate.Open();
    bool holdsGate;

    /// <summary>Who acts; query filters read it on every query, so tenancy is decided per call.</summary>
    public Actor Actor => actor;
    public IClock Clock => clock;

    /// <summary>Sets who acts through this context, the clock it stamps with, and the gate its writes pass.</summary>
    public StewardDbContext For(Actor actingAs, IClock withClock, WriteGate throughGate)
    {
        actor = actingAs;
        clock = withClock;
        writeGate = throughGate;
        return this;
    }

    /// <summary>Stamps this context's writes with another clock: the demo data replays its history at the instants it happened.</summary>
    public StewardDbContext UseClock(IClock withClock)
    {
        clock = withClock;
        return this;
    }

    // A pooled context goes back to the pool on dispose: forget who used it.
    public override void Dispose()
    {
        actor = new Actor();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        actor = new Actor();
        return base.DisposeAsync();
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<PartnerRelationship> PartnerRelationships => Set<PartnerRelationship>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<PersonSkill> PersonSkills => Set<PersonSkill>();
    public DbSet<CostRate> CostRates => Set<CostRate>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceDependency> ServiceDependencies => Set<ServiceDependency>();
    public DbSet<Offering> Offerings => Set<Offering>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<TailoredProcess> TailoredProcesses => Set<TailoredProcess>();
    public DbSet<SourcingAssignment> SourcingAssignments => Set<SourcingAssignment>();
    public DbSet<AgreementRecord> AgreementRecords => Set<AgreementRecord>();
    public DbSet<SlaCalendar> SlaCalendars => Set<SlaCalendar>();
    public DbSet<SlaCalendarRevision> SlaCalendarRevisions => Set<SlaCalendarRevision>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<SlaJob> SlaJobs => Set<SlaJob>();
    public DbSet<SlaReplan> SlaReplans => Set<SlaReplan>();
    public DbSet<WorkRecord> WorkRecords => Set<WorkRecord>();
    public DbSet<RecordComment> RecordComments => Set<RecordComment>();
    public DbSet<WorkLogEntry> WorkLog => Set<WorkLogEntry>();
    public DbSet<RecordAttachment> RecordAttachments => Set<RecordAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<RecordLink> RecordLinks => Set<RecordLink>();
    public DbSet<PrioritySetting> PrioritySettings => Set<PrioritySetting>();
    public DbSet<RecordCounter> RecordCounters => Set<RecordCounter>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ConfigStamp> ConfigStamps => Set<ConfigStamp>();
    public DbSet<Requests.CatalogItem> CatalogItems => Set<Requests.CatalogItem>();
    public DbSet<Requests.RequestApproval> RequestApprovals => Set<Requests.RequestApproval>();
    public DbSet<Requests.FulfilmentTask> FulfilmentTasks => Set<Requests.FulfilmentTask>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<CommunityMember> CommunityMembers => Set<CommunityMember>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();
    public DbSet<ArticleReview> ArticleReviews => Set<ArticleReview>();
    public DbSet<ArticleFeedback> ArticleFeedback => Set<ArticleFeedback>();
    public DbSet<RecordArticle> RecordArticles => Set<RecordArticle>();
    public DbSet<KnowledgeDeflection> KnowledgeDeflections => Set<KnowledgeDeflection>();
    public DbSet<Satisfaction.Survey> Surveys => Set<Satisfaction.Survey>();
    public DbSet<Satisfaction.SurveyRound> SurveyRounds => Set<Satisfaction.SurveyRound>();
    public DbSet<Satisfaction.SurveyInvitation> SurveyInvitations => Set<Satisfaction.SurveyInvitation>();
    public DbSet<Satisfaction.SurveyResponse> SurveyResponses => Set<Satisfaction.SurveyResponse>();
    public DbSet<Satisfaction.SatisfactionFollowUp> SatisfactionFollowUps => Set<Satisfaction.SatisfactionFollowUp>();
    public DbSet<Improvements.Improvement> Improvements => Set<Improvements.Improvement>();
    public DbSet<Improvements.ImprovementAction> ImprovementActions => Set<Improvements.ImprovementAction>();
    public DbSet<Improvements.ImprovementReview> ImprovementReviews => Set<Improvements.ImprovementReview>();
    public DbSet<Finance.FinanceSetting> FinanceSettings => Set<Finance.FinanceSetting>();
    public DbSet<Finance.ExchangeRate> ExchangeRates => Set<Finance.ExchangeRate>();
    public DbSet<Finance.CostEntry> CostEntries => Set<Finance.CostEntry>();
    public DbSet<Finance.SupplierCharge> SupplierCharges => Set<Finance.SupplierCharge>();
    public DbSet<Finance.ProfessionalPractice> ProfessionalPractices => Set<Finance.ProfessionalPractice>();
    public DbSet<Finance.PracticeService> PracticeServices => Set<Finance.PracticeService>();
    public DbSet<Finance.WorkLogMonth> WorkLogMonths => Set<Finance.WorkLogMonth>();

    /// <summary>The key ring that protects sign-in cookies and antiforgery tokens, shared by every server on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DatabaseProvider Provider => Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    // Every save is journaled and tenancy-checked first (outside the write gate, so that this CPU
    // work runs in parallel); only the database round trips wait in line on SQLite. A save that
    // only adds rows skips EF Core's update pipeline (see InsertOnlySave) and, on SQLite, is
    // committed by the gate's writer thread together with the other inserts waiting in line.
    //
    // Changes are detected once, up front: the stamp, the journal, the insert-only check and EF's
    // own save would otherwise each compare every tracked entity with its snapshot again (a tenth
    // of a create's CPU). What they change afterwards they change through EF (Add, CurrentValue,
    // IsModified), which needs no detection.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        StampConfiguration();
        AuditJournal.Record(this);
        if (Finance.WorkLogRollup.Of(this) is { } rollup) return await SaveWithRollupAsync(rollup, acceptAllChangesOnSuccess, cancellationToken);
        if (holdsGate)
        {
            // Inside InWriteTransactionAsync (the SLA worker's batches: notifications and their journal).
            using (var inserts = InsertOnlySave.TryPrepare(this, withinTransaction: true))
            {
                if (inserts is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                await inserts.ExecuteWithinTransactionAsync(cancellationToken);
                return inserts.Complete(acceptAllChangesOnSuccess);
            }
        }
        using (var inserts = InsertOnlySave.TryPrepare(this))
            if (inserts is not null) return await writeGate.InsertAsync(inserts, acceptAllChangesOnSuccess, cancellationToken);
        using (await writeGate.EnterAsync(cancellationToken))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = DetectChangesOnce();
        StampConfiguration();
        AuditJournal.Record(this);
        if (Finance.WorkLogRollup.Of(this) is { } rollup) return SaveWithRollup(rollup, acceptAllChangesOnSuccess);
        if (holdsGate) return base.SaveChanges(acceptAllChangesOnSuccess);
        using (writeGate.Enter())
            return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // A save that changes the work log changes its monthly rollup in the same transaction (see
    // WorkLogRollup): through EF Core's pipeline, not the insert-only path, whose statements run
    // in a group transaction of the writer thread that cannot hold the rollup's upserts. The
    // changes are accepted only once the transaction commits (or at once when the caller's
    // transaction holds the save).
    async Task<int> SaveWithRollupAsync(Finance.WorkLogRollup.Changes rollup, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        using (holdsGate ? default : await writeGate.EnterAsync(ct))
        {
            var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            await using (transaction)
            {
                await rollup.BeforeSaveAsync(this, ct);
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: transaction is null && acceptAllChangesOnSuccess, ct);
                await rollup.AfterSaveAsync(this, ct);
                if (transaction is null) return saved;
                await transaction.CommitAsync(CancellationToken.None);
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
                return saved;
            }
        }
    }

    int SaveWithRollup(Finance.WorkLogRollup.Changes rollup, bool acceptAllChangesOnSuccess)
    {
        using (holdsGate ? default : writeGate.Enter())
        {
            var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
            using (transaction)
            {
                rollup.BeforeSave(this);
                var saved = base.SaveChanges(acceptAllChangesOnSuccess: transaction is null && acceptAllChangesOnSuccess);
                rollup.AfterSave(this);
                if (transaction is null) return saved;
                transaction.Commit();
                if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
                return saved;
            }
        }
    }

    AutoDetectSuspended DetectChangesOnce()
    {
        var tracker = ChangeTracker;
        var was = tracker.AutoDetectChangesEnabled;
        if (was) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        return new AutoDetectSuspended(tracker, was);
    }

    readonly struct AutoDetectSuspended(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker, bool was) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = was;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction that holds the write gate from its first
    /// statement to its commit, so that set-based statements (ExecuteUpdate) and saves inside it
    /// commit together; on SQLite nothing else of this process writes meanwhile (no busy waits),
    /// on PostgreSQL the gate is open and row locks taken inside last until the commit.
    /// </summary>
    public async Task<T> InWriteTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        using (await writeGate.EnterAsync(ct))
        {
            holdsGate = true;
            try
            {
                await using var transaction = await Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                // Once the work is done its commit completes: a stop that cancels it here would only
                // roll back finished work (and EF Core logs a cancelled commit as a failed transaction).
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
            finally
            {
                holdsGate = false;
            }
        }
    }

    /// <summary>A save that changes configuration also changes the <see cref="ConfigStamp"/>, so that every server's cached copy goes stale at once.</summary>
    void StampConfiguration()
    {
        if (!ChangeTracker.Entries().Any(ConfigStamp.Touches)) return;
        var stamp = ChangeTracker.Entries<ConfigStamp>().FirstOrDefault()?.Entity;
        if (stamp is null)
        {
            stamp = new ConfigStamp { Id = ConfigStamp.SingleId };
            Attach(stamp);
        }
        stamp.Value = Guid.NewGuid();
        Entry(stamp).Property(s => s.Value).IsModified = true;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (!Database.IsNpgsql())
        {
            configurationBuilder.Properties<Instant>().HaveConversion<InstantToTicksConverter>();
            configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateToIsoConverter>();
        }
        // Business time is summed in reports: ticks add up the same way on both databases.
        configurationBuilder.Properties<Duration>().HaveConversion<DurationToTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    /// <summary>
    /// Set while <c>dotnet ef dbcontext optimize</c> builds the model for a compiled model (the
    /// design-time factories set it for the argument <c>--compiled-model</c>): EF Core cannot write query
    /// filters into a compiled model, so <see cref="CompiledModelFilters"/> adds them when it loads.
    /// </summary>
    public static bool BuildingCompiledModel { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StewardDbContext).Assembly);
        if (BuildingCompiledModel) return;
        foreach (var (entity, filter) in TenancyFilters())
            builder.Entity(entity).HasQueryFilter(filter);
    }

    /// <summary>
    /// Every entity's tenancy filter, as a lambda over this context: EF Core reads <see cref="Actor"/>
    /// from the context that runs the query, whichever instance the lambda was made on. (Made in a
    /// plain method: in an iterator, <c>this</c> would be a field of the iterator, not the context.)
    /// </summary>
    internal (Type Entity, LambdaExpression Filter)[] TenancyFilters() =>
    [
        // Tenancy, enforced in every query: a row is visible when its organization is.
        Filter<Organization>(o => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(o.Id)),
        Filter<PartnerRelationship>(r => Actor.SeesAll
            || Actor.VisibleOrganizationIds.Contains(r.ProviderId) || Actor.VisibleOrganizationIds.Contains(r.PartnerId)),
        Filter<Person>(p => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(p.OrganizationId)),
        Filter<Team>(t => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(t.OrganizationId)),
        Filter<TeamMember>(m => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(m.OrganizationId)),
        Filter<PersonSkill>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.OrganizationId)),
        Filter<CostRate>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.OrganizationId)),
        Filter<AccessToken>(t => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(t.OrganizationId)),
        Filter<AuditEntry>(a => Actor.SeesAll || a.OrganizationId == null
            || Actor.VisibleOrganizationIds.Contains(a.OrganizationId.Value)),

        // The portfolio and the sourcing model are the provider's records. A customer's people also
        // read what concerns their own organization: the services it subscribes to, its subscriptions,
        // the assignments made for it and the agreements it answers for; service-wide assignments
        // reach them through their profile. The customer side compares with the actor's own
        // organization, not the visible set: a provider sees its customers, and a customer shared
        // with another provider must not open that provider's records to it.
        Filter<Service>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.ProviderId)
            || Set<Subscription>().Any(x => x.ServiceId == s.Id && x.CustomerId == Actor.OrganizationId)),
        Filter<ServiceDependency>(d => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(d.ProviderId)),
        Filter<Offering>(o => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(o.ProviderId)
            || Set<Subscription>().Any(x => x.OfferingId == o.Id && x.CustomerId == Actor.OrganizationId)),
        Filter<Subscription>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.ProviderId)
            || s.CustomerId == Actor.OrganizationId),
        Filter<TailoredProcess>(p => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(p.ProviderId)),
        Filter<SourcingAssignment>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId)
            || a.CustomerId == Actor.OrganizationId),
        Filter<AgreementRecord>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId)
            || a.AccountableId == Actor.OrganizationId),
        Filter<SlaCalendar>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.OrganizationId)),
        Filter<SlaCalendarRevision>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.OrganizationId)),
        Filter<SlaPolicy>(p => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(p.OrganizationId)),
        Filter<PrioritySetting>(p => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(p.OrganizationId)),

        // Work records are the provider's, shared with the customer they are for (ICustomerShared):
        // its people see their records, the public comments and attachments, and the clocks; never
        // the internal notes, the work log or another customer's records.
        Filter<WorkRecord>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId)
            || r.CustomerId == Actor.OrganizationId),
        Filter<RecordComment>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.ProviderId)
            || (c.CustomerId == Actor.OrganizationId && c.IsPublic)),
        Filter<RecordAttachment>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId)
            || (a.CustomerId == Actor.OrganizationId && a.IsPublic)),
        Filter<SlaClock>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.ProviderId)
            || c.CustomerId == Actor.OrganizationId),
        // The catalogue is seen by the provider and by the customers subscribed to an item's service;
        // approvals and fulfilment tasks travel with their request (the pages show a customer a task's progress, not its notes or people).
        Filter<Requests.CatalogItem>(i => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(i.ProviderId)
            || (i.IsActive && Set<Subscription>().Any(x => x.ServiceId == i.ServiceId && x.CustomerId == Actor.OrganizationId))),
        Filter<Requests.RequestApproval>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId)
            || a.CustomerId == Actor.OrganizationId),
        Filter<Requests.FulfilmentTask>(t => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(t.ProviderId)
            || t.CustomerId == Actor.OrganizationId),
        Filter<WorkLogEntry>(w => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(w.ProviderId)),
        Filter<RecordLink>(l => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(l.ProviderId)),
        Filter<SlaReplan>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId)),
        Filter<SlaJob>(j => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(j.ProviderId)),
        Filter<Notification>(n => Actor.SeesAll || n.PersonId == Actor.PersonId),

        // A community and its articles are the provider's; its members from the provider's partners
        // see them too (Actor.CommunityIds). A customer's people read an article only once it is
        // published for customers, for every customer of the provider or for theirs by name; never
        // an internal one, a draft or a community. Which versions a non-member reads is the
        // knowledge workflow's rule (published ones); tenancy is this.
        Filter<Community>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.ProviderId) || Actor.CommunityIds.Contains(c.Id)),
        Filter<CommunityMember>(m => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(m.ProviderId) || Actor.CommunityIds.Contains(m.CommunityId)),
        Filter<KnowledgeArticle>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId) || Actor.CommunityIds.Contains(a.CommunityId)
            || (a.State == ArticleState.Published && a.Audience == ArticleAudience.Customers
                && (a.CustomerIds.Count == 0 || a.CustomerIds.Contains(Actor.OrganizationId ?? Guid.Empty))
                && Set<PartnerRelationship>().Any(r => r.ProviderId == a.ProviderId && r.PartnerId == Actor.OrganizationId)
                && Set<Organization>().Any(o => o.Id == Actor.OrganizationId && o.Kind == OrganizationKind.Customer))),
        Filter<ArticleVersion>(v => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(v.ProviderId) || Actor.CommunityIds.Contains(v.CommunityId)
            || (v.State == VersionState.Published && Set<KnowledgeArticle>().Any(a => a.Id == v.ArticleId))),
        Filter<ArticleReview>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId) || Actor.CommunityIds.Contains(r.CommunityId)),
        Filter<ArticleFeedback>(f => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(f.ProviderId) || Actor.CommunityIds.Contains(f.CommunityId)
            || f.ReaderOrganizationId == Actor.OrganizationId),
        Filter<RecordArticle>(l => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(l.ProviderId) || l.CustomerId == Actor.OrganizationId),
        Filter<KnowledgeDeflection>(d => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(d.ProviderId) || d.ReaderOrganizationId == Actor.OrganizationId),
        // Satisfaction is the provider's: its surveys, rounds and follow-ups. An invitation and its
        // response are also their invitee's own, and nobody else's of the customer.
        Filter<Satisfaction.Survey>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.ProviderId)),
        Filter<Satisfaction.SurveyRound>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId)),
        Filter<Satisfaction.SurveyInvitation>(i => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(i.ProviderId) || i.InviteeId == Actor.PersonId),
        Filter<Satisfaction.SurveyResponse>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId) || r.RespondentId == Actor.PersonId),
        Filter<Satisfaction.SatisfactionFollowUp>(f => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(f.ProviderId)),
        // The improvement register is the provider's community of excellence: its people only.
        Filter<Improvements.Improvement>(i => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(i.ProviderId)),
        Filter<Improvements.ImprovementAction>(a => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(a.ProviderId)),
        Filter<Improvements.ImprovementReview>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId)),
        // Finance is the provider's alone: its customers' people read none of it, not even what is booked to them.
        Filter<Finance.FinanceSetting>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.ProviderId)),
        Filter<Finance.ExchangeRate>(r => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(r.ProviderId)),
        Filter<Finance.CostEntry>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.ProviderId)),
        Filter<Finance.SupplierCharge>(c => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(c.ProviderId)),
        Filter<Finance.ProfessionalPractice>(p => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(p.ProviderId)),
        Filter<Finance.PracticeService>(s => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(s.ProviderId)),
        Filter<Finance.WorkLogMonth>(m => Actor.SeesAll || Actor.VisibleOrganizationIds.Contains(m.ProviderId)),
    ];

    static (Type, LambdaExpression) Filter<T>(Expression<Func<T, bool>> filter) => (typeof(T), filter);
}
