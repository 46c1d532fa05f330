using NodaTime;
using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Sla;

/// <summary>An earlier version of a calendar: the hours it had until the edit that replaced them.</summary>
public sealed record CalendarEra(long Version, Instant Until, BusinessCalendar Calendar);

/// <summary>
/// A calendar as a clock refers to it: its id (null: round the clock), the version counted in, the
/// engine, and its earlier versions (oldest first), so that time counted before an edit is counted
/// in the hours of that time.
/// </summary>
public sealed record CalendarInForce(Guid? Id, long Version, BusinessCalendar Calendar, IReadOnlyList<CalendarEra>? Earlier = null)
{
    /// <summary>
    /// Counts what a clock that still counts in an earlier version of this calendar spent under each
    /// version since, in that version's hours, up to the edit that replaced it; the rest, from the
    /// last edit, is the current version's to count. The clock keeps its version number, so that the
    /// caller still sees it as behind and plans it anew in the current hours.
    /// </summary>
    public void CatchUp(SlaClock clock)
    {
        if (clock.CalendarId != Id || clock.CalendarVersion >= Version || Earlier is not { Count: > 0 } eras) return;
        for (var i = 0; i < eras.Count; i++)
        {
            var era = eras[i];
            if (era.Version < clock.CalendarVersion || era.Until <= clock.SegmentStart) continue;
            clock.SwitchCalendar(era.Until, era.Calendar, i + 1 < eras.Count ? eras[i + 1].Calendar : Calendar);
        }
    }

    /// <summary>Every minute of every day, in UTC: what a record without a calendar is measured in.</summary>
    public static readonly CalendarInForce AroundTheClock = new(null, 0,
        new BusinessCalendar(DateTimeZone.Utc, Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new WorkingHours(d, 0, WorkingHours.MinutesPerDay)), []));
}

/// <summary>What a performing party is measured against: its agreement's target for the record's priority, if any is on record.</summary>
public sealed record PartyTerms(Guid PartyId, Guid PartyOrganizationId, AgreementType? Agreement, Guid? AgreementId, Duration? Target);

/// <summary>
/// Brings a record's clocks in line with the record at an instant: after every change of state,
/// priority, policy, calendar or performer. Pure: the caller loads the clocks, the policy and the
/// calendars, and saves what this changes and adds.
/// </summary>
public static class ClockKeeper
{
    /// <param name="clocks">The record's clocks; new ones are added to it.</param>
    /// <param name="calendarOf">The calendar in force for an id (null: round the clock).</param>
    /// <param name="performer">The party performing the record's current step, when it is not the provider itself.</param>
    public static void Sync(WorkRecord record, IList<SlaClock> clocks, SlaPolicy? policy, Func<Guid?, CalendarInForce> calendarOf,
        PartyTerms? performer, Instant now)
    {
        var calendar = calendarOf(policy?.CalendarId);
        var pauses = policy?.PauseStates ?? [RecordState.OnHold];
        var paused = pauses.Contains(record.State);
        record.SlaPolicyId = policy?.Id;

        foreach (var metric in (ReadOnlySpan<ClockMetric>)[ClockMetric.FirstResponse, ClockMetric.Resolution])
        {
            var target = policy?.TargetFor(metric, record.Priority);
            var clock = clocks.FirstOrDefault(c => c.Metric == metric);
            if (clock is null)
            {
                // A clock measures from the record's start even when it is made later: a record
                // logged before Steward kept clocks (or restored) counts from when it was opened.
                clock = SlaClock.Start(record, metric, record.OpenedAt, calendar.Calendar, calendar.Id, calendar.Version, target, policy?.WarningPercent, policy?.Id);
                clocks.Add(clock);
            }
            else
            {
                var was = calendarOf(clock.CalendarId);
                was.CatchUp(clock);
                if (clock.Target != target || clock.PolicyId != policy?.Id || clock.CalendarId != calendar.Id
                    || clock.CalendarVersion != calendar.Version || clock.WarningPercent != policy?.WarningPercent)
                    clock.Retarget(now, was.Calendar, target, policy?.WarningPercent, policy?.Id, calendar.Id, calendar.Version, calendar.Calendar);
            }

            var done = metric is ClockMetric.FirstResponse ? record.RespondedAt is not null || !record.IsOpen : !record.IsOpen;
            var stopAt = metric is ClockMetric.FirstResponse && record.RespondedAt is { } responded && responded < now ? responded : now;
            if (done) clock.Stop(Max(stopAt, clock.SegmentStart), calendar.Calendar);
            else if (paused) clock.Pause(now, calendar.Calendar);
            else clock.Resume(now, calendar.Calendar);
        }

        // Party clocks: the current performer's counts while the record is with it; the others stop
        // and keep what they counted, to resume if the record comes back to them.
        foreach (var clock in clocks.Where(c => c.Metric is ClockMetric.Party))
        {
            var inForce = calendarOf(clock.CalendarId);
            inForce.CatchUp(clock);
            var cal = inForce.Calendar;
            var current = performer is not null && clock.PartyId == performer.PartyId && record.IsOpen;
            if (current)
            {
                if (clock.Target != performer!.Target || clock.AgreementId != performer.AgreementId || clock.CalendarId != calendar.Id
                    || clock.CalendarVersion != calendar.Version || clock.AgreementType != performer.Agreement)
                {
                    clock.AgreementType = performer.Agreement;
                    clock.AgreementId = performer.AgreementId;
                    clock.Retarget(now, cal, performer.Target, policy?.WarningPercent, policy?.Id, calendar.Id, calendar.Version, calendar.Calendar);
                    cal = calendar.Calendar;
                }
                if (paused) clock.Pause(now, cal);
                else clock.Resume(now, cal);
            }
            else clock.Stop(now, cal);
        }
        if (performer is not null && record.IsOpen && clocks.All(c => c.PartyId != performer.PartyId))
        {
            var clock = SlaClock.Start(record, ClockMetric.Party, now, calendar.Calendar, calendar.Id, calendar.Version, performer.Target,
                policy?.WarningPercent, policy?.Id, performer.PartyId, performer.PartyOrganizationId);
            clock.AgreementType = performer.Agreement;
            clock.AgreementId = performer.AgreementId;
            if (paused) clock.Pause(now, calendar.Calendar);
            clocks.Add(clock);
        }
        RecordOutcomes.Mirror(record, clocks);
    }

    static Instant Max(Instant a, Instant b) => a > b ? a : b;

    /// <summary>
    /// The escalation jobs a clock should have: an unfired job is moved to the clock's new instant or
    /// removed, a missing one added; fired jobs stay as they are.
    /// </summary>
    /// <param name="jobs">The clock's jobs (fired or not).</param>
    /// <param name="escalates">Whether the policy escalates this trigger of this kind of clock: only then is a job kept for it
    /// (the warning and breach themselves are facts of the clock, noted whenever it is next counted).</param>
    public static (List<SlaJob> Added, List<SlaJob> Removed) PlanJobs(SlaClock clock, IReadOnlyCollection<SlaJob> jobs, Func<EscalationTrigger, ClockMetric, bool> escalates)
    {
        List<SlaJob> added = [], removed = [];
        var wanted = clock.WantedJobs().Where(w => escalates(w.Trigger, clock.Metric)).ToDictionary(w => w.Trigger, w => w.At);
        foreach (var trigger in (ReadOnlySpan<EscalationTrigger>)[EscalationTrigger.Warning, EscalationTrigger.Breach])
        {
            var job = jobs.FirstOrDefault(j => j.Trigger == trigger);
            if (job is { FiredAt: not null }) continue;
            if (wanted.TryGetValue(trigger, out var at))
            {
                if (job is null) added.Add(new SlaJob { ClockId = clock.Id, RecordId = clock.RecordId, ProviderId = clock.ProviderId, CustomerId = clock.CustomerId, Trigger = trigger, DueAt = at });
                else if (job.DueAt != at) job.DueAt = at;
            }
            else if (job is not null) removed.Add(job);
        }
        return (added, removed);
    }
}
