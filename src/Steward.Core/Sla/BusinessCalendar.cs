using NodaTime;

namespace Steward.Core.Sla;

/// <summary>
/// Business time in one IANA time zone: weekly working intervals minus holidays. A real instant is
/// business time when its local wall-clock time lies in a working interval that starts on a working
/// day, so a daylight-saving change shortens or lengthens the real time of an interval exactly as the
/// wall clock does (a 00:00–03:00 interval lasts two real hours on the spring night and four on the
/// autumn one in Europe/London).
/// <para>
/// The working intervals are turned into real (UTC) intervals once per UTC year, with the business
/// time accumulated before each, so a due date or an elapsed time is two binary searches in that
/// year's table: the SLA engine asks for them on every state change of every record. A table is
/// built on first use and kept; the calendar is immutable and safe to share between threads.
/// </para>
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>The years a calendar answers for; instants outside them are refused by the API.</summary>
    public const int FirstYear = 1900, LastYear = 2299;

    public static readonly Instant Earliest = Instant.FromUtc(FirstYear, 1, 1, 0, 0);
    public static readonly Instant Latest = Instant.FromUtc(LastYear + 1, 1, 1, 0, 0);

    readonly DateTimeZone zone;
    readonly WorkingHours[][] byDay; // index: IsoDayOfWeek 1..7
    readonly HashSet<LocalDate> holidays;
    readonly BusinessYear?[] years = new BusinessYear?[LastYear - FirstYear + 1];
    readonly bool hasHours;

    public BusinessCalendar(DateTimeZone zone, IEnumerable<WorkingHours> weeklyHours, IEnumerable<LocalDate> holidays)
    {
        this.zone = zone;
        var hours = weeklyHours.ToList();
        byDay = new WorkingHours[8][];
        for (var d = 0; d < 8; d++) byDay[d] = hours.Where(h => (int)h.Day == d).OrderBy(h => h.StartMinute).ToArray();
        this.holidays = holidays.ToHashSet();
        hasHours = hours.Count > 0;
    }

    public DateTimeZone Zone => zone;

    /// <summary>
    /// The earliest instant at which <paramref name="duration"/> of business time has passed since
    /// <paramref name="start"/>; null when the calendar does not have that much before <see cref="Latest"/>.
    /// </summary>
    public Instant? Due(Instant start, Duration duration)
    {
        if (duration <= Duration.Zero) return start;
        if (!hasHours || start >= Latest) return null;
        if (start < Earliest) throw new ArgumentOutOfRangeException(nameof(start), start, $"A calendar answers from {Earliest} on.");
        var at = start.ToUnixTimeTicks();
        var remaining = duration.BclCompatibleTicks;
        for (var year = YearOf(at); year <= LastYear; year++)
        {
            var table = Year(year);
            var target = table.AccumulatedAt(at) + remaining;
            if (target <= table.Total) return Instant.FromUnixTimeTicks(table.InstantWhenAccumulated(target));
            remaining = target - table.Total;
            at = table.End;
        }
        return null;
    }

    /// <summary>The business time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public Duration Elapsed(Instant from, Instant to)
    {
        if (from < Earliest) from = Earliest;
        if (to > Latest) to = Latest;
        long a = from.ToUnixTimeTicks(), b = to.ToUnixTimeTicks();
        if (b <= a || !hasHours) return Duration.Zero;
        int first = YearOf(a), last = YearOf(b);
        if (first == last)
        {
            var table = Year(first);
            return Duration.FromTicks(table.AccumulatedAt(b) - table.AccumulatedAt(a));
        }
        var total = Year(first).Total - Year(first).AccumulatedAt(a);
        for (var year = first + 1; year < last; year++) total += Year(year).Total;
        if (last <= LastYear) total += Year(last).AccumulatedAt(b);
        return Duration.FromTicks(total);
    }

    static int YearOf(long ticks) =>
        Math.Clamp(Instant.FromUnixTimeTicks(ticks).InUtc().Year, FirstYear, LastYear + 1);

    BusinessYear Year(int year)
    {
        ref var slot = ref years[year - FirstYear];
        return Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, Build(year), null) ?? slot!;
    }

    /// <summary>The real intervals of business time that fall in one UTC year, in order, merged where they touch.</summary>
    BusinessYear Build(int year)
    {
        var start = Instant.FromUtc(year, 1, 1, 0, 0).ToUnixTimeTicks();
        var end = Instant.FromUtc(year + 1, 1, 1, 0, 0).ToUnixTimeTicks();
        // Offsets are within ±18 h and an interval lasts at most 24 h from the day it starts: three days either side cover every interval that can reach the year.
        var firstDate = Instant.FromUnixTimeTicks(start).InUtc().Date.PlusDays(-3);
        var lastDate = Instant.FromUnixTimeTicks(end).InUtc().Date.PlusDays(3);
        var offsets = zone.GetZoneIntervals(Instant.FromUnixTimeTicks(start) - Duration.FromDays(5), Instant.FromUnixTimeTicks(end) + Duration.FromDays(5))
            .Select(z => (From: z.HasStart ? z.Start.ToUnixTimeTicks() : long.MinValue, To: z.HasEnd ? z.End.ToUnixTimeTicks() : long.MaxValue, Offset: z.WallOffset.Ticks))
            .ToArray();

        var spans = new List<(long From, long To)>();
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            if (holidays.Contains(date)) continue;
            foreach (var hours in byDay[(int)date.DayOfWeek])
            {
                // The interval in wall-clock ticks (local time read as if it were UTC).
                var localFrom = date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks() + hours.StartMinute * TimeSpan.TicksPerMinute;
                var localTo = localFrom + hours.LengthMinutes * TimeSpan.TicksPerMinute;
                // Under each offset in force, the real instants whose wall-clock time falls in it.
                foreach (var (from, to, offset) in offsets)
                {
                    var a = Math.Max(Math.Max(from, localFrom - offset), start);
                    var b = Math.Min(Math.Min(to, localTo - offset), end);
                    if (a < b) spans.Add((a, b));
                }
            }
        }
        return BusinessYear.Of(start, end, spans);
    }
}
