namespace Steward.Core.Measures;

/// <summary>
/// The arithmetic every measure shares, rounded once at the end: percentages to one decimal,
/// hours, days, scores and money to two. Medians are exact (the mean of the two middle values of an
/// even count), so that a figure can be worked out by hand from the rows behind it.
/// </summary>
public static class MeasureMath
{
    public static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    /// <summary>The exact median of <paramref name="values"/> (sorted in place), or null when there are none.</summary>
    public static double? Median(List<long> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + (double)values[middle]) / 2;
    }

    public const double TicksPerHour = TimeSpan.TicksPerHour;
    public const double TicksPerDay = TimeSpan.TicksPerDay;

    /// <summary>A duration in ticks as hours, to two decimals.</summary>
    public static double? Hours(double? ticks) => ticks is { } t ? Math.Round(t / TicksPerHour, 2) : null;

    /// <summary>A duration in ticks as days, to two decimals.</summary>
    public static double? Days(double? ticks) => ticks is { } t ? Math.Round(t / TicksPerDay, 2) : null;

    public static double? Ratio(long sum, long count) => count == 0 ? null : Math.Round((double)sum / count, 2);

    /// <summary>An amount shared over <paramref name="records"/>, rounded half to even to cents as the P&amp;L rounds money; none without a record.</summary>
    public static decimal? PerRecord(decimal amount, long records) => records == 0 ? null : Math.Round(amount / records, 2, MidpointRounding.ToEven);
}
