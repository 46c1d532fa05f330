using Steward.Core.Records;

namespace Steward.Core.Sla;

/// <summary>Where a record clock stands, as the measures count it.</summary>
public enum ClockOutcome
{
    /// <summary>No target: the time is measured, not judged.</summary>
    Unjudged,
    /// <summary>Not stopped and not breached yet: breached once its due instant passes while it runs.</summary>
    Pending,
    Met,
    Breached,
}

/// <summary>
/// Mirrors a record's first-response and resolution clocks on the record itself, so that SLA
/// compliance and the response and resolution times over a million records are read from one
/// covering index without joining three million clocks (docs/performance.md, issue 20).
/// </summary>
/// <remarks>
/// A clock's breach is also noted later by the escalation job without touching the record; the
/// mirror stays exact because a pending clock keeps its due instant: counting
/// <c>Breached || (Pending &amp;&amp; DueAt &lt; now)</c> is <see cref="SlaClock.IsBreachedAt"/>.
/// </remarks>
public static class RecordOutcomes
{
    public static void Mirror(WorkRecord record, IEnumerable<SlaClock> clocks)
    {
        foreach (var clock in clocks)
        {
            if (clock.Metric is ClockMetric.FirstResponse)
                (record.ResponseOutcome, record.ResponseDueAt, record.ResponseTime) = Of(clock);
            else if (clock.Metric is ClockMetric.Resolution)
                (record.ResolutionOutcome, record.ResolutionDueAt, record.ResolutionTime) = Of(clock);
        }
    }

    static (ClockOutcome, NodaTime.Instant?, NodaTime.Duration?) Of(SlaClock clock)
    {
        var time = clock.Stage is ClockStage.Stopped ? clock.Business : (NodaTime.Duration?)null;
        if (clock.Target is null) return (ClockOutcome.Unjudged, null, time);
        if (clock.BreachedAt is not null) return (ClockOutcome.Breached, null, time);
        if (clock.Stage is ClockStage.Stopped) return (ClockOutcome.Met, null, time);
        return (ClockOutcome.Pending, clock.Stage is ClockStage.Running ? clock.DueAt : null, time);
    }

    /// <summary>Whether a mirrored clock counts as breached at <paramref name="now"/>: the rule the measures' SQL applies.</summary>
    public static bool IsBreachedAt(ClockOutcome outcome, NodaTime.Instant? dueAt, NodaTime.Instant now) =>
        outcome is ClockOutcome.Breached || (outcome is ClockOutcome.Pending && dueAt < now);
}
