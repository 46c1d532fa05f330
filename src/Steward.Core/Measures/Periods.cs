using NodaTime;

namespace Steward.Core.Measures;

/// <summary>How long each point of a series is.</summary>
public enum MeasureInterval
{
    Day,
    Week,
    Month,
}

/// <summary>One point's span: the day, the Monday or the first of the month it stands for, and its instants cut to the period.</summary>
public readonly record struct PeriodBucket(LocalDate Start, Instant From, Instant To);

/// <summary>
/// Cuts a period into the days, ISO weeks (from Monday) or calendar months of a time zone, as
/// people read them there: a month in Auckland starts at its midnight, not UTC's. Every series
/// (measures, community measures, satisfaction by month) buckets this one way.
/// </summary>
public static class Periods
{
    /// <summary>Each interval that overlaps [<paramref name="from"/>, <paramref name="to"/>), the first and last cut to it.</summary>
    public static IReadOnlyList<PeriodBucket> Buckets(Instant from, Instant to, DateTimeZone zone, MeasureInterval interval)
    {
        var buckets = new List<PeriodBucket>();
        var start = from.InZone(zone).Date;
        var date = interval switch
        {
            MeasureInterval.Month => start.With(DateAdjusters.StartOfMonth),
            MeasureInterval.Week => start.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)),
            _ => start,
        };
        while (true)
        {
            var next = interval switch { MeasureInterval.Month => date.PlusMonths(1), MeasureInterval.Week => date.PlusWeeks(1), _ => date.PlusDays(1) };
            var begins = zone.AtStartOfDay(date).ToInstant();
            if (begins >= to) break;
            var ends = zone.AtStartOfDay(next).ToInstant();
            buckets.Add(new PeriodBucket(date, begins < from ? from : begins, ends > to ? to : ends));
            date = next;
        }
        return buckets;
    }
}
