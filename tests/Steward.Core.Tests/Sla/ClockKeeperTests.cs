using NodaTime;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sla;

/// <summary>
/// The clocks of one record as a specification: pauses, a target that changes from the record's
/// start with the time counted kept, a calendar that changes, met at the due instant, breached
/// just after, and the performing parties' own clocks.
/// </summary>
public sealed class ClockKeeperTests
{
    static readonly Guid Provider = Guid.NewGuid(), Customer = Guid.NewGuid();

    /// <summary>Monday 30 November 2026 in London (UTC in winter).</summary>
    static Instant Mon(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 30, hour, minute);

    static Instant Tue(int hour, int minute = 0) => Instant.FromUtc(2026, 12, 1, hour, minute);

    static readonly CalendarInForce Office = new(Guid.NewGuid(), 1, new BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/London"],
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WorkingHours(d, 9 * 60, 17 * 60)), []));

    static readonly CalendarInForce LateShift = new(Office.Id, 2, new BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/London"],
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WorkingHours(d, 9 * 60, 21 * 60)), []));

    static SlaPolicy Policy(params (int Priority, double? Response, double Resolution)[] targets) => new()
    {
        OrganizationId = Provider, Name = "Standard", CalendarId = Office.Id, WarningPercent = 75,
        Targets = targets.Select(t => new PolicyTarget(t.Priority, t.Response is { } r ? Duration.FromHours(r) : null, Duration.FromHours(t.Resolution))).ToList(),
    };

    static WorkRecord Incident(Instant opened, int priority = 3) => new()
    {
        Kind = RecordKind.Incident, Number = "INC000001", Sequence = 1, ProviderId = Provider, CustomerId = Customer, Title = "Mail down",
        ProcessKey = "incident-management", OpenedAt = opened, UpdatedAt = opened, Priority = priority,
    };

    sealed class Record(WorkRecord record, SlaPolicy policy)
    {
        public WorkRecord Row { get; } = record;
        public List<SlaClock> Clocks { get; } = [];
        public SlaPolicy Policy { get; set; } = policy;
        public CalendarInForce Calendar { get; set; } = Office;
        public PartyTerms? Performer { get; set; }

        public void Sync(Instant now) => ClockKeeper.Sync(Row, Clocks, Policy, id => id == Calendar.Id ? Calendar : CalendarInForce.AroundTheClock, Performer, now);

        public SlaClock Resolution => Clocks.Single(c => c.Metric is ClockMetric.Resolution);
        public SlaClock Response => Clocks.Single(c => c.Metric is ClockMetric.FirstResponse);
        public SlaClock PartyClock(Guid party) => Clocks.Single(c => c.PartyId == party);

        public void Move(RecordState state, Instant now)
        {
            Row.State = state;
            Sync(now);
        }
    }

    [Fact]
    public void A_new_record_is_due_its_business_time_after_logging()
    {
        var r = new Record(Incident(Mon(16)), Policy((3, 1, 8)));
        r.Sync(Mon(16));

        Assert.Equal(Mon(17), r.Response.DueAt);           // the hour runs out exactly as the office closes
        Assert.Equal(Tue(16), r.Resolution.DueAt);
        Assert.Equal(Tue(14), r.Resolution.WarnAt);         // 75 % of 8 h = 6 h
        Assert.Equal(ClockState.Running, r.Resolution.StateAt(Mon(17)));
    }

    [Fact]
    public void A_pause_keeps_the_business_time_counted_and_moves_the_due_instant_by_the_business_time_paused()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        r.Sync(Mon(9));
        r.Move(RecordState.OnHold, Mon(11));
        Assert.Equal(ClockState.Paused, r.Resolution.StateAt(Mon(15)));
        Assert.Null(r.Resolution.DueAt);
        Assert.Equal(Duration.FromHours(2), r.Resolution.ElapsedAt(Mon(15), Office.Calendar));

        r.Move(RecordState.InProgress, Mon(15));

        Assert.Equal(Duration.FromHours(4), r.Resolution.Paused);
        Assert.Equal(Tue(13), r.Resolution.DueAt);          // 6 h left from Monday 15:00: 2 h Monday, 4 h Tuesday
    }

    [Fact]
    public void A_new_priority_applies_from_the_start_with_the_time_counted_kept()
    {
        var r = new Record(Incident(Mon(9)), Policy((2, null, 4), (3, null, 8)));
        r.Sync(Mon(9));
        r.Move(RecordState.OnHold, Mon(10));
        r.Move(RecordState.InProgress, Mon(14));

        r.Row.Priority = 2;
        r.Sync(Mon(15));

        Assert.Equal(Duration.FromHours(4), r.Resolution.Target);
        Assert.Equal(Duration.FromHours(2), r.Resolution.Business);   // 09–10 and 14–15
        Assert.Equal(Mon(17), r.Resolution.DueAt);
        Assert.Equal(Duration.FromHours(4), r.Resolution.Paused);
    }

    [Fact]
    public void A_target_already_spent_breaches_at_once_and_a_longer_one_lifts_the_breach()
    {
        var r = new Record(Incident(Mon(9), priority: 3), Policy((1, null, 2), (3, null, 8)));
        r.Sync(Mon(9));

        r.Row.Priority = 1;
        r.Sync(Mon(12));
        Assert.Equal(Mon(12), r.Resolution.BreachedAt);
        Assert.Equal(ClockState.Breached, r.Resolution.StateAt(Mon(12)));

        r.Row.Priority = 3;
        r.Sync(Mon(13));
        Assert.Null(r.Resolution.BreachedAt);
        Assert.Equal(Mon(17), r.Resolution.DueAt);
    }

    [Fact]
    public void Stopping_at_the_due_instant_meets_the_target_and_a_minute_later_breaches_it()
    {
        var met = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        met.Sync(Mon(9));
        met.Row.RespondedAt = Mon(9, 30);
        met.Move(RecordState.Resolved, Mon(17));

        var late = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        late.Sync(Mon(9));
        late.Move(RecordState.Resolved, Tue(9, 1));

        Assert.Equal(ClockState.Met, met.Resolution.StateAt(Tue(12)));
        Assert.Equal(ClockState.Met, met.Response.StateAt(Tue(12)));
        Assert.Equal(Duration.FromMinutes(30), met.Response.Business);
        Assert.Equal(ClockState.Breached, late.Resolution.StateAt(Tue(12)));
        Assert.Equal(Mon(17), late.Resolution.BreachedAt);
    }

    [Fact]
    public void Reopening_resumes_the_resolution_clock_with_what_it_had_counted()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        r.Sync(Mon(9));
        r.Move(RecordState.Resolved, Mon(12));
        r.Move(RecordState.InProgress, Tue(9));

        Assert.Equal(ClockStage.Running, r.Resolution.Stage);
        Assert.Equal(Duration.FromHours(3), r.Resolution.Business);
        Assert.Equal(Tue(14), r.Resolution.DueAt);
    }

    [Fact]
    public void A_changed_calendar_counts_the_time_before_the_change_in_the_old_hours_and_after_it_in_the_new()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, null, 10)));
        r.Sync(Mon(9));
        Assert.Equal(Tue(11), r.Resolution.DueAt);          // 8 h Monday, 2 h Tuesday

        r.Calendar = LateShift;                              // the office now works until 21:00
        r.Sync(Mon(12));

        Assert.Equal(Duration.FromHours(3), r.Resolution.Business);
        Assert.Equal(2, r.Resolution.CalendarVersion);
        Assert.Equal(Mon(19), r.Resolution.DueAt);           // 7 h left from 12:00 in the longer day
    }

    [Fact]
    public void Each_performing_party_is_measured_only_while_the_record_is_with_it()
    {
        var supplier = Guid.NewGuid();
        var r = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        r.Sync(Mon(9));
        r.Performer = new PartyTerms(supplier, supplier, AgreementType.UnderpinningContract, Guid.NewGuid(), Duration.FromHours(3));
        r.Sync(Mon(10));
        r.Performer = null;                                  // back with the provider
        r.Sync(Mon(11));
        r.Performer = new PartyTerms(supplier, supplier, AgreementType.UnderpinningContract, null, Duration.FromHours(3));
        r.Sync(Mon(15));

        var party = r.PartyClock(supplier);
        Assert.Equal(Duration.FromHours(1), party.Business);  // 10–11; 11–15 was the provider's
        Assert.Equal(Mon(17), party.DueAt);                    // 2 h left from 15:00
        Assert.Equal(ClockState.Running, party.StateAt(Mon(16)));

        r.Move(RecordState.Resolved, Mon(16));
        Assert.Equal(Duration.FromHours(2), party.Business);
        Assert.Equal(ClockState.Met, party.StateAt(Mon(16)));
        Assert.Equal(ClockStage.Stopped, r.Resolution.Stage);
    }

    static bool Always(EscalationTrigger trigger, ClockMetric metric) => true;

    [Fact]
    public void Only_what_the_policy_escalates_gets_a_job()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, 1, 8)));
        r.Sync(Mon(9));

        var (resolution, _) = ClockKeeper.PlanJobs(r.Resolution, [], (trigger, metric) => trigger is EscalationTrigger.Breach && metric is ClockMetric.Resolution);
        var (response, _) = ClockKeeper.PlanJobs(r.Response, [], (trigger, metric) => trigger is EscalationTrigger.Breach && metric is ClockMetric.Resolution);

        Assert.Equal([(EscalationTrigger.Breach, Mon(17))], resolution.Select(j => (j.Trigger, j.DueAt)));
        Assert.Empty(response);
        // The facts are the clock's own, noted when it is next counted, job or not: a late answer at 10:30.
        r.Row.RespondedAt = Mon(10, 30);
        r.Move(RecordState.InProgress, Mon(10, 30));
        Assert.Equal(Mon(10), r.Response.BreachedAt);
    }

    [Fact]
    public void Jobs_follow_the_plan_and_a_fired_job_is_never_planned_again()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        r.Sync(Mon(9));
        var (added, removed) = ClockKeeper.PlanJobs(r.Resolution, [], Always);
        Assert.Equal([(EscalationTrigger.Warning, Mon(15)), (EscalationTrigger.Breach, Mon(17))], added.Select(j => (j.Trigger, j.DueAt)));
        Assert.Empty(removed);

        r.Move(RecordState.OnHold, Mon(10));
        var (_, gone) = ClockKeeper.PlanJobs(r.Resolution, added, Always);
        Assert.Equal(2, gone.Count);                         // a paused clock falls due at no instant

        r.Move(RecordState.InProgress, Mon(11));
        added.ForEach(j => j.FiredAt = null);
        var warning = added.Single(j => j.Trigger is EscalationTrigger.Warning);
        warning.FiredAt = Mon(16);
        r.Resolution.WarningEscalated = true;
        var (again, _) = ClockKeeper.PlanJobs(r.Resolution, added, Always);
        Assert.Empty(again);
        Assert.Equal(Tue(10), added.Single(j => j.Trigger is EscalationTrigger.Breach).DueAt);   // moved, not duplicated
        Assert.Equal(Mon(16), warning.FiredAt);
    }

    [Fact]
    public void A_due_instant_passed_before_a_calendar_edit_stays_the_breach_instant_when_the_clock_catches_up_later()
    {
        // 2 h target from 09:00: due 11:00 in 09:00–17:00. At 11:30 the office moves to 14:00–22:00;
        // the clock is next looked at Tuesday 09:00. Counted in the new hours alone, 2 h would have run out at 15:00.
        var r = new Record(Incident(Mon(9), priority: 1), Policy((1, null, 2)));
        r.Sync(Mon(9));
        var old = r.Calendar;
        r.Calendar = new CalendarInForce(old.Id, old.Version + 1, Shifted, [new CalendarEra(old.Version, Mon(11, 30), old.Calendar)]);
        r.Sync(Tue(9));

        Assert.Equal(Duration.FromHours(2.5 + 8), r.Resolution.Business);   // until the edit, then 14:00–22:00
        Assert.Equal(Mon(11), r.Resolution.BreachedAt);
        Assert.Equal(old.Version + 1, r.Resolution.CalendarVersion);
    }

    [Fact]
    public void An_edit_before_the_due_instant_moves_it_into_the_new_hours_with_the_time_counted_kept()
    {
        var r = new Record(Incident(Mon(9), priority: 1), Policy((1, null, 2)));
        r.Sync(Mon(9));
        var old = r.Calendar;
        r.Calendar = new CalendarInForce(old.Id, old.Version + 1, Shifted, [new CalendarEra(old.Version, Mon(10, 30), old.Calendar)]);
        r.Sync(Tue(9));

        // 1.5 h counted by 10:30; the last half hour runs 14:00–14:30.
        Assert.Equal(Mon(14, 30), r.Resolution.BreachedAt);
    }

    static readonly BusinessCalendar Shifted = new(DateTimeZoneProviders.Tzdb["Europe/London"],
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday }.Select(d => new WorkingHours(d, 14 * 60, 22 * 60)), []);

    [Fact]
    public void A_clock_already_counting_in_the_current_version_is_not_counted_again()
    {
        var r = new Record(Incident(Mon(9)), Policy((3, null, 8)));
        r.Calendar = new CalendarInForce(Office.Id, 2, LateShift.Calendar, [new CalendarEra(1, Mon(8), Office.Calendar)]);
        r.Sync(Mon(9));
        r.Sync(Mon(12));
        r.Move(RecordState.OnHold, Mon(19));

        Assert.Equal(Duration.FromHours(10), r.Resolution.Business);   // 09:00–19:00 in the late shift only
    }
}
