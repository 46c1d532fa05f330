using NodaTime;
using Steward.Core.Common;
using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Sla;

/// <summary>Where a clock is in its life: counting, paused by the record's state, or stopped (resumable when a record reopens).</summary>
public enum ClockStage
{
    Running,
    Paused,
    Stopped,
}

/// <summary>A clock as people read it.</summary>
public enum ClockState
{
    Running,
    Paused,
    Met,
    Breached,
}

/// <summary>
/// One target of one record measured in business time: the first response or the resolution
/// under the record's SLA policy, or the time one performing party holds the record against that
/// party's own agreement.
/// </summary>
/// <remarks>
/// <para>
/// A clock keeps what it has counted so far (<see cref="Business"/> and <see cref="Paused"/>, up to
/// <see cref="SegmentStart"/>) and counts the current segment only when asked. Every change of the
/// record first adds the segment up to that instant, in the calendar that was in force, and then
/// plans again: so when the priority, the policy or the calendar changes, the new target is
/// measured from the record's start with the time already counted kept, not restarted.
/// </para>
/// <para>
/// A clock breaches when it is still running after its due instant: stopping exactly at the due
/// instant meets the target. The facts (<see cref="WarnedAt"/>, <see cref="BreachedAt"/>) are set
/// by whoever sees them first, the escalation job or a change of the record; the escalations
/// themselves run once, from the job (<see cref="SlaJob"/>), flagged in
/// <see cref="WarningEscalated"/> and <see cref="BreachEscalated"/>.
/// </para>
/// </remarks>
public sealed class SlaClock : IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; set; }
    public ClockMetric Metric { get; init; }
    /// <summary>For a party clock: the performing team or organization, and the organization it belongs to.</summary>
    public Guid? PartyId { get; init; }
    public Guid? PartyOrganizationId { get; init; }
    public AgreementType? AgreementType { get; set; }
    /// <summary>The recorded agreement the party's target comes from, when one is on record.</summary>
    public Guid? AgreementId { get; set; }
    public Guid? PolicyId { get; set; }
    /// <summary>Null counts round the clock.</summary>
    public Guid? CalendarId { get; set; }
    public long CalendarVersion { get; set; }
    /// <summary>Null: measured, with nothing to meet.</summary>
    public Duration? Target { get; set; }
    public int? WarningPercent { get; set; }
    public ClockStage Stage { get; set; }
    public Instant StartedAt { get; init; }
    /// <summary>When the clock's record was opened: measures count a party's clocks by the records opened in a period, without reading the records.</summary>
    public Instant RecordOpenedAt { get; init; }
    /// <summary>Since when the current stage has lasted: what is counted up to here is in <see cref="Business"/> and <see cref="Paused"/>.</summary>
    public Instant SegmentStart { get; set; }
    public Duration Business { get; set; }
    /// <summary>Real time spent paused.</summary>
    public Duration Paused { get; set; }
    public Instant? DueAt { get; set; }
    public Instant? WarnAt { get; set; }
    public Instant? WarnedAt { get; set; }
    public Instant? BreachedAt { get; set; }
    public Instant? StoppedAt { get; set; }
    /// <summary>For a party clock: when a person of the party first acted on the record while it was with the party.</summary>
    public Instant? EngagedAt { get; set; }
    /// <summary>The party clock's business time at <see cref="EngagedAt"/>: the time the party took to engage.</summary>
    public Duration? EngagedAfter { get; set; }
    public bool WarningEscalated { get; set; }
    public bool BreachEscalated { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public static SlaClock Start(WorkRecord record, ClockMetric metric, Instant at, BusinessCalendar calendar, Guid? calendarId, long calendarVersion,
        Duration? target, int? warningPercent, Guid? policyId, Guid? partyId = null, Guid? partyOrganizationId = null)
    {
        var clock = new SlaClock
        {
            RecordId = record.Id,
            ProviderId = record.ProviderId,
            CustomerId = record.CustomerId,
            Metric = metric,
            PartyId = partyId,
            PartyOrganizationId = partyOrganizationId,
            PolicyId = policyId,
            CalendarId = calendarId,
            CalendarVersion = calendarVersion,
            Target = target,
            WarningPercent = warningPercent,
            Stage = ClockStage.Running,
            StartedAt = at,
            RecordOpenedAt = record.OpenedAt,
            SegmentStart = at,
        };
        clock.Plan(calendar, at);
        return clock;
    }

    /// <summary>Adds the current segment up to <paramref name="now"/>, noting a warning or breach that has passed meanwhile.</summary>
    public void Advance(Instant now, BusinessCalendar calendar)
    {
        if (now <= SegmentStart) return;
        if (Stage is ClockStage.Running)
        {
            if (WarnAt is { } warn && WarnedAt is null && now >= warn) WarnedAt = warn;
            if (DueAt is { } due && BreachedAt is null && now > due) BreachedAt = due;
            Business += calendar.Elapsed(SegmentStart, now);
        }
        else if (Stage is ClockStage.Paused) Paused += now - SegmentStart;
        SegmentStart = now;
    }

    public void Pause(Instant now, BusinessCalendar calendar) => MoveTo(ClockStage.Paused, now, calendar);

    public void Resume(Instant now, BusinessCalendar calendar) => MoveTo(ClockStage.Running, now, calendar);

    public void Stop(Instant now, BusinessCalendar calendar) => MoveTo(ClockStage.Stopped, now, calendar);

    void MoveTo(ClockStage stage, Instant now, BusinessCalendar calendar)
    {
        if (Stage == stage) return;
        Advance(now, calendar);
        Stage = stage;
        StoppedAt = stage is ClockStage.Stopped ? now : null;
        if (stage is not ClockStage.Stopped) Plan(calendar, now);
        else WarnAt = null;
    }

    /// <summary>Counts up to <paramref name="at"/> in the calendar in force until then, and plans on from there in the one that replaced it.</summary>
    public void SwitchCalendar(Instant at, BusinessCalendar before, BusinessCalendar after)
    {
        Advance(at, before);
        if (Stage is ClockStage.Running) Plan(after, at);
    }

    /// <summary>
    /// Applies a new target, policy or calendar from the record's start: the time counted so far (in
    /// the calendar that was in force) is kept, and whether the target is met or breached is judged
    /// against the new target.
    /// </summary>
    public void Retarget(Instant now, BusinessCalendar current, Duration? target, int? warningPercent, Guid? policyId,
        Guid? calendarId, long calendarVersion, BusinessCalendar next)
    {
        Advance(now, current);
        Target = target;
        WarningPercent = warningPercent;
        PolicyId = policyId;
        CalendarId = calendarId;
        CalendarVersion = calendarVersion;
        // Judged again: a longer target may leave a breached clock within it, a shorter one breach it
        // now. Exactly the target spent is judged as it was: met if the clock stopped in time.
        if (target is not { } t) BreachedAt = null;
        else if (Business > t) BreachedAt ??= now;
        else if (Business < t) BreachedAt = null;
        if (target is not { } w || warningPercent is not { } p || Business < Share(w, p)) WarnedAt = null;
        else WarnedAt ??= now;
        if (Stage is ClockStage.Running) Plan(next, now);
        else if (Stage is ClockStage.Stopped) DueAt = target is null ? null : DueAt;
    }

    /// <summary>The due and warning instants of a running clock, from what it has counted so far.</summary>
    void Plan(BusinessCalendar calendar, Instant now)
    {
        DueAt = WarnAt = null;
        if (Stage is not ClockStage.Running || Target is not { } target) return;
        DueAt = Business >= target ? (BreachedAt ?? now) : calendar.Due(SegmentStart, target - Business);
        if (WarningPercent is { } percent && WarnedAt is null)
        {
            var share = Share(target, percent);
            WarnAt = Business >= share ? now : calendar.Due(SegmentStart, share - Business);
        }
    }

    static Duration Share(Duration target, int percent) => Duration.FromTicks(target.BclCompatibleTicks * percent / 100);

    /// <summary>The business time counted up to <paramref name="now"/>.</summary>
    public Duration ElapsedAt(Instant now, BusinessCalendar calendar) =>
        Stage is ClockStage.Running && now > SegmentStart ? Business + calendar.Elapsed(SegmentStart, now) : Business;

    public Duration PausedAt(Instant now) => Stage is ClockStage.Paused && now > SegmentStart ? Paused + (now - SegmentStart) : Paused;

    public bool IsBreachedAt(Instant now) =>
        BreachedAt is not null || (Stage is ClockStage.Running && DueAt is { } due && now > due);

    public ClockState StateAt(Instant now) => Stage switch
    {
        _ when IsBreachedAt(now) && Stage is not ClockStage.Paused => ClockState.Breached,
        ClockStage.Running => ClockState.Running,
        ClockStage.Paused => ClockState.Paused,
        _ => ClockState.Met,
    };

    /// <summary>The escalation jobs this clock wants now: a warning and a breach, each at most once in the clock's life.</summary>
    public IEnumerable<(EscalationTrigger Trigger, Instant At)> WantedJobs()
    {
        if (!WarningEscalated && Stage is ClockStage.Running && WarnAt is { } warn && (DueAt is not { } due || warn < due))
            yield return (EscalationTrigger.Warning, warn);
        if (!BreachEscalated && ((Stage is ClockStage.Running && DueAt is not null) || BreachedAt is not null))
            yield return (EscalationTrigger.Breach, BreachedAt ?? DueAt!.Value);
    }
}

/// <summary>
/// A durable escalation: a clock's warning or breach, due at an instant, fired exactly once. Servers
/// claim due jobs with row locks (FOR UPDATE SKIP LOCKED on PostgreSQL), carry out the policy's
/// escalations and mark the job fired in the same transaction, so two servers on one database, or a
/// server restarting, never fire a job twice.
/// </summary>
public sealed class SlaJob : ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ClockId { get; init; }
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    /// <summary>The record's customer: a requester's change of the record replans its jobs too.</summary>
    public Guid CustomerId { get; init; }
    public EscalationTrigger Trigger { get; init; }
    public Instant DueAt { get; set; }
    public Instant? FiredAt { get; set; }
    /// <summary>Which server fired it, for the operator.</summary>
    public string? FiredBy { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>
/// A provider's open records to be brought in line with changed SLA configuration (a policy or a
/// calendar edited): worked through in batches by the escalation worker, durable like the jobs, so
/// a restart resumes where it stopped. <see cref="AfterId"/> is how far it has come.
/// </summary>
public sealed class SlaReplan : ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Reason { get; init; }
    public Instant RequestedAt { get; init; }
    public Guid? AfterId { get; set; }
    public int Records { get; set; }
    public Instant? DoneAt { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
