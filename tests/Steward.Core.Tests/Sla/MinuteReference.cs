using NodaTime;
using Steward.Core.Sla;

namespace Steward.Core.Tests.Sla;

/// <summary>
/// The definition of business time read literally, one real minute at a time: a minute counts when
/// its local wall-clock time lies in a working interval of a working day (the day the interval
/// starts). Slow and obviously right; the calendar is checked against it. Exact for instants on a
/// whole minute in zones whose offsets are whole minutes.
/// </summary>
public sealed class MinuteReference(DateTimeZone zone, IReadOnlyList<WorkingHours> hours, IReadOnlySet<LocalDate> holidays)
{
    public bool IsBusiness(Instant minute)
    {
        var local = minute.InZone(zone).LocalDateTime;
        var t = local.Hour * 60 + local.Minute;
        return Covers(local.Date, t) || Covers(local.Date.PlusDays(-1), t + WorkingHours.MinutesPerDay);
    }

    /// <summary>Does an interval starting on <paramref name="day"/> cover minute <paramref name="t"/> counted from that day's midnight?</summary>
    bool Covers(LocalDate day, int t) =>
        !holidays.Contains(day) && hours.Any(h => h.Day == day.DayOfWeek && t >= h.StartMinute && t < h.StartMinute + h.LengthMinutes);

    public Instant Due(Instant start, int minutes, int giveUpAfterMinutes = 5_000_000)
    {
        var at = start;
        for (var walked = 0; minutes > 0; walked++)
        {
            if (walked > giveUpAfterMinutes) throw new InvalidOperationException("The reference walked too far.");
            if (IsBusiness(at)) minutes--;
            at += Duration.FromMinutes(1);
        }
        return at;
    }

    public int ElapsedMinutes(Instant from, Instant to)
    {
        var count = 0;
        for (var at = from; at < to; at += Duration.FromMinutes(1))
            if (IsBusiness(at)) count++;
        return count;
    }
}
