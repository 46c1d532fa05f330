namespace Steward.Core.Sla;

/// <summary>What makes a week of working intervals well formed.</summary>
public static class CalendarRules
{
    const int MinutesPerWeek = 7 * WorkingHours.MinutesPerDay;

    /// <summary>
    /// The pairs of intervals (by index) that share wall-clock time anywhere in the week, an overnight
    /// interval reaching into the next day (and Sunday's into Monday) included.
    /// </summary>
    public static IEnumerable<(int First, int Second)> Overlapping(IReadOnlyList<WorkingHours> hours)
    {
        for (var i = 0; i < hours.Count; i++)
            for (var j = i + 1; j < hours.Count; j++)
                if (Overlap(hours[i], hours[j])) yield return (i, j);
    }

    static bool Overlap(WorkingHours a, WorkingHours b)
    {
        // On a circle of one week: shift b by a week either way so a wrap past Sunday midnight is seen.
        int aFrom = a.WeekStartMinute, aTo = aFrom + a.LengthMinutes;
        foreach (var shift in (ReadOnlySpan<int>)[-MinutesPerWeek, 0, MinutesPerWeek])
        {
            int bFrom = b.WeekStartMinute + shift, bTo = bFrom + b.LengthMinutes;
            if (aFrom < bTo && bFrom < aTo) return true;
        }
        return false;
    }
}
