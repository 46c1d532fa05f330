using NodaTime;
using Steward.Core.Portfolio;

namespace Steward.Core.Finance;

/// <summary>The part of a charge that falls in one calendar month of a window.</summary>
/// <param name="Start">The first day of the slice: the month's first day, or a later start of the charge or window.</param>
/// <param name="Days">How many days of the month the slice covers (1 for a one-off charge).</param>
public readonly record struct ChargeSlice(YearMonth Month, LocalDate Start, int Days, decimal Amount);

/// <summary>
/// Spreads a charge over the months of a window by day. Periods are calendar periods, so a full
/// month of a monthly charge is exactly the charge and a figure can be checked by hand: a day is
/// worth the charge divided by the days of its month (monthly), its calendar quarter (quarterly)
/// or its year (yearly). A one-off charge is the whole amount on its start day. Amounts keep every
/// digit; rounding happens only where a report shows them (<see cref="Money.Round"/>).
/// </summary>
public static class ChargeProration
{
    /// <param name="end">The last day charged (inclusive), or null while the charge runs.</param>
    public static IReadOnlyList<ChargeSlice> Slices(decimal amount, ChargePeriod period, LocalDate start, LocalDate? end, DateInterval window)
    {
        if (period is ChargePeriod.OneOff)
            return window.Contains(start) && (end is null || start <= end) ? [new(YearMonth(start), start, 1, amount)] : [];

        var from = LocalDate.Max(start, window.Start);
        var to = end is { } last ? LocalDate.Min(last, window.End) : window.End;
        var slices = new List<ChargeSlice>();
        for (var sliceStart = from; sliceStart <= to; sliceStart = FirstOfNextMonth(sliceStart))
        {
            var sliceEnd = LocalDate.Min(to, FirstOfNextMonth(sliceStart).PlusDays(-1));
            var days = Period.DaysBetween(sliceStart, sliceEnd) + 1;
            slices.Add(new(YearMonth(sliceStart), sliceStart, days, amount * days / DaysOfPeriod(period, sliceStart)));
        }
        return slices;
    }

    /// <summary>The days of the calendar period <paramref name="day"/> falls in: its month, quarter or year.</summary>
    public static int DaysOfPeriod(ChargePeriod period, LocalDate day) => period switch
    {
        ChargePeriod.Monthly => day.Calendar.GetDaysInMonth(day.Year, day.Month),
        ChargePeriod.Quarterly => QuarterDays(day),
        ChargePeriod.Yearly => day.Calendar.GetDaysInYear(day.Year),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "A one-off charge has no period to divide by."),
    };

    static int QuarterDays(LocalDate day)
    {
        var first = new LocalDate(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        return Period.DaysBetween(first, first.PlusMonths(3));
    }

    static LocalDate FirstOfNextMonth(LocalDate day) => new LocalDate(day.Year, day.Month, 1).PlusMonths(1);

    static YearMonth YearMonth(LocalDate day) => new(day.Year, day.Month);
}
