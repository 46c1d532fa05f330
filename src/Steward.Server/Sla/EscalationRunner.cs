using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Notifications;
using Steward.Core.Persistence;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Server.Records;

namespace Steward.Server.Sla;

/// <summary>
/// Fires the SLA jobs that have fallen due and works through requested replans, in a scope of the
/// system actor. Each batch is one transaction: the jobs are claimed with row locks (FOR UPDATE
/// SKIP LOCKED on PostgreSQL, so two servers take different jobs), the escalations are carried out
/// and the jobs marked fired before it commits. A job therefore fires exactly once: a server that
/// dies mid-batch commits nothing, and the next claim finds the job unfired. On SQLite one server
/// owns the file and its worker is the only claimant.
/// </summary>
public sealed class EscalationRunner(StewardDbContext db, RecordWorkflow workflow, IClock clock, Hosting.StewardOptions options, ILogger<EscalationRunner> log)
{
    public const int ReplanBatch = 200;

    /// <summary>
    /// A record opened this long after a replan was requested read the configuration after its
    /// change committed: its create takes the instant it opens before it reads the configuration
    /// stamp, and the change commits within moments of the instant it requests the replan.
    /// </summary>
    static readonly Duration ReplanMargin = Duration.FromSeconds(10);

    /// <summary>Fires up to one batch of due jobs; the number fired (0 when none were due).</summary>
    /// <remarks>
    /// The jobs' fired marks and the clocks' warning and breach marks are written set-based (one
    /// UPDATE for the jobs, one per trigger and due instant for the clocks); the records are read
    /// untracked and attached only when an escalation changes them. What remains for EF Core per
    /// job is its notifications and their journal entries. Ten thousand clocks falling due together
    /// took 1.5 ms a job when every job, clock and record went through change tracking
    /// (docs/performance.md, issue 5).
    /// </remarks>
    public Task<int> FireDueAsync(CancellationToken ct) => db.InWriteTransactionAsync(async ct =>
    {
        var now = clock.GetCurrentInstant();
        var jobs = db.Provider is DatabaseProvider.Postgres
            ? await db.SlaJobs.FromSql($"""
                SELECT * FROM "SlaJobs" WHERE "FiredAt" IS NULL AND "DueAt" <= {now}
                ORDER BY "DueAt" LIMIT {options.SlaBatchSize} FOR UPDATE SKIP LOCKED
                """).IgnoreQueryFilters().AsNoTracking().ToListAsync(ct)
            : await db.SlaJobs.IgnoreQueryFilters().AsNoTracking().Where(j => j.FiredAt == null && j.DueAt <= now).OrderBy(j => j.DueAt).Take(options.SlaBatchSize).ToListAsync(ct);
        if (jobs.Count == 0) return 0;

        var jobIds = jobs.Select(j => j.Id).ToList();
        var server = options.ServerName;
        await db.SlaJobs.IgnoreQueryFilters().Where(j => jobIds.Contains(j.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.FiredAt, now).SetProperty(j => j.FiredBy, server), ct);
        foreach (var group in jobs.GroupBy(j => (j.Trigger, j.DueAt)))
            await MarkClocksAsync(group.Select(j => j.ClockId).ToList(), group.Key.Trigger, group.Key.DueAt, ct);

        var clockIds = jobs.Select(j => j.ClockId).Distinct().ToList();
        var recordIds = jobs.Select(j => j.RecordId).Distinct().ToList();
        var clocks = await db.SlaClocks.IgnoreQueryFilters().AsNoTracking().Where(c => clockIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var records = await db.WorkRecords.IgnoreQueryFilters().AsNoTracking().Where(r => recordIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var policyIds = clocks.Values.Select(c => c.PolicyId).OfType<Guid>().Distinct().ToList();
        var policies = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var recipients = new Recipients(db);

        foreach (var job in jobs.OrderBy(j => j.DueAt))
        {
            if (!clocks.TryGetValue(job.ClockId, out var c) || !records.TryGetValue(job.RecordId, out var record)) continue;
            var policy = c.PolicyId is { } pid ? policies.GetValueOrDefault(pid) : null;
            foreach (var escalation in policy?.Escalations.Where(e => e.When == job.Trigger && e.Metric == c.Metric) ?? [])
                await EscalateAsync(record, c, job, escalation, recipients, now, ct);
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Fired {Count} SLA jobs", jobs.Count);
        return jobs.Count;
    }, ct);

    /// <summary>Notes on the clocks that their warning or breach fell due at <paramref name="due"/> and was escalated; the first instant noted stays.</summary>
    Task<int> MarkClocksAsync(List<Guid> clockIds, EscalationTrigger trigger, Instant due, CancellationToken ct)
    {
        var marked = db.SlaClocks.IgnoreQueryFilters().Where(c => clockIds.Contains(c.Id));
        Instant? at = due;
        // The version moves as a tracked save would move it, so a save holding the clock as it was fails and retries.
        return trigger is EscalationTrigger.Warning
            ? marked.ExecuteUpdateAsync(set => set.SetProperty(c => c.WarnedAt, c => c.WarnedAt ?? at)
                .SetProperty(c => c.WarningEscalated, true).SetProperty(c => c.Version, c => c.Version + 1), ct)
            : marked.ExecuteUpdateAsync(set => set.SetProperty(c => c.BreachedAt, c => c.BreachedAt ?? at)
                .SetProperty(c => c.BreachEscalated, true).SetProperty(c => c.Version, c => c.Version + 1), ct);
    }

    async Task EscalateAsync(WorkRecord record, SlaClock c, SlaJob job, Escalation escalation, Recipients recipients, Instant now, CancellationToken ct)
    {
        switch (escalation.Action)
        {
            case EscalationAction.Notify:
                foreach (var person in await recipients.OfAsync(record, ct))
                    db.Notifications.Add(new Notification { OrganizationId = record.ProviderId, PersonId = person, RecordId = record.Id, Text = Describe(record, c, job), At = now });
                break;
            case EscalationAction.Reassign when record.IsOpen && escalation.TeamId is { } team && team != record.AssignedTeamId:
                Track(record);
                // An escalation to another team is a hand-off, as an agent's reassignment is.
                if (record.AssignedTeamId is not null) record.Handoffs++;
                record.AssignedTeamId = team;
                record.AssigneeId = null;
                record.UpdatedAt = now;
                break;
            case EscalationAction.RaisePriority when record.IsOpen && record.Priority > PriorityMatrix.Highest:
                Track(record);
                // The higher priority's targets apply from the record's start, with the time counted so far kept.
                await workflow.SetPriorityAsync(record, record.Impact, record.Urgency, record.Priority - 1, ct);
                break;
        }
    }

    /// <summary>The records are read untracked; one an escalation changes is tracked from its state as read.</summary>
    void Track(WorkRecord record)
    {
        if (db.Entry(record).State is EntityState.Detached) db.Attach(record);
    }

    static string Describe(WorkRecord record, SlaClock c, SlaJob job)
    {
        var target = c.Metric switch
        {
            ClockMetric.FirstResponse => "first-response target",
            ClockMetric.Resolution => "resolution target",
            _ => "performing party's agreed time",
        };
        return job.Trigger is EscalationTrigger.Warning
            ? $"{record.Number} (P{record.Priority}) has used {c.WarningPercent}% of its {target}: due {c.DueAt:yyyy-MM-dd HH:mm} UTC. {record.Title}"
            : $"{record.Number} (P{record.Priority}) breached its {target} at {job.DueAt:yyyy-MM-dd HH:mm} UTC. {record.Title}";
    }

    /// <summary>The assignee, or else every member of the assigned team; read once per team in a batch.</summary>
    sealed class Recipients(StewardDbContext db)
    {
        readonly Dictionary<Guid, List<Guid>> members = [];

        public async Task<IReadOnlyList<Guid>> OfAsync(WorkRecord record, CancellationToken ct)
        {
            if (record.AssigneeId is { } assignee) return [assignee];
            if (record.AssignedTeamId is not { } team) return [];
            if (!members.TryGetValue(team, out var people))
                members[team] = people = await db.TeamMembers.IgnoreQueryFilters().Where(m => m.TeamId == team).Select(m => m.PersonId).ToListAsync(ct);
            return people;
        }
    }

    /// <summary>Replans the next batch of one requested replan; the number of records brought in line.</summary>
    public async Task<int> ReplanAsync(CancellationToken ct)
    {
        var postgres = db.Provider is DatabaseProvider.Postgres;
        await using var transaction = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
        var replan = postgres
            ? (await db.SlaReplans.FromSql($"""
                SELECT * FROM "SlaReplans" WHERE "DoneAt" IS NULL ORDER BY "RequestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).IgnoreQueryFilters().ToListAsync(ct)).FirstOrDefault()
            : await db.SlaReplans.IgnoreQueryFilters().Where(r => r.DoneAt == null).OrderBy(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        if (replan is null) return 0;

        var after = replan.AfterId ?? Guid.Empty;
        // Records opened after the change were planned with it already: left out, a replan ends even
        // while records keep being logged (it used to chase them, and cost every create a share of a
        // background thread that never finished).
        var openedBy = replan.RequestedAt + ReplanMargin;
        var batch = await db.WorkRecords.IgnoreQueryFilters()
            .Where(r => r.ProviderId == replan.ProviderId && r.State != RecordState.Closed && r.State != RecordState.Rejected && r.State != RecordState.Cancelled
                && r.OpenedAt <= openedBy && r.Id.CompareTo(after) > 0)
            .OrderBy(r => r.Id).Take(ReplanBatch).ToListAsync(ct);
        await workflow.ReplanAsync(batch, ct);
        replan.Records += batch.Count;
        if (batch.Count > 0) replan.AfterId = batch[^1].Id;
        if (batch.Count < ReplanBatch) replan.DoneAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Math.Max(batch.Count, 1);
    }
}

/// <summary>Runs the <see cref="EscalationRunner"/> on every server: due jobs as soon as they fall due (polling each second), replans in between.</summary>
/// <remarks>
/// On PostgreSQL two loops claim batches side by side, as two servers would (SKIP LOCKED gives
/// each its own jobs): a batch spends part of its time waiting on the database, so one loop left
/// the cores partly idle, and 10,000 jobs due together took 10.9–15.2 s (docs/performance.md, issue 5).
/// SQLite serialises writes in-process: a second loop would only queue behind the first.
/// </remarks>
public sealed class EscalationWorker(IServiceScopeFactory scopes, Hosting.StartupGate startup, Hosting.StewardOptions options, ILogger<EscalationWorker> log) : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitOpenAsync(stoppingToken)) return;
        var claimants = options.Database is DatabaseProvider.Postgres ? 2 : 1;
        await Task.WhenAll(Enumerable.Range(0, claimants).Select(_ => Task.Run(() => ClaimAsync(stoppingToken), CancellationToken.None)));
    }

    async Task ClaimAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken) > 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A record or clock changed under the batch: nothing of it was committed; take it again.
                busy = true;
            }
            catch (Exception e)
            {
                log.LogError(e, "The SLA worker failed a batch; it retries in a second.");
            }
            if (!busy) await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass: a batch of due jobs, then a batch of a replan; how much work was done.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var done = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Core.Identity.Actor>().BecomeSystem();
            done += await scope.ServiceProvider.GetRequiredService<EscalationRunner>().FireDueAsync(ct);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Core.Identity.Actor>().BecomeSystem();
            done += await scope.ServiceProvider.GetRequiredService<EscalationRunner>().ReplanAsync(ct);
        }
        return done;
    }
}
