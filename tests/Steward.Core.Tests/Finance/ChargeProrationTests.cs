using NodaTime;
using Steward.Core.Finance;
using Steward.Core.Portfolio;

namespace Steward.Core.Tests.Finance;

/// <summary>Charges spread by day over calendar months, each figure worked out by hand in the comment beside it.</summary>
public sealed class ChargeProrationTests
{
    static readonly DateInterval March2026 = new(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31));

    [Theory]
    [InlineData(ChargePeriod.Monthly, 3100, 3100)]    // the whole month of a monthly charge
    [InlineData(ChargePeriod.Quarterly, 9000, 3100)]  // Q1 2026 has 90 days: 9,000 × 31 / 90
    [InlineData(ChargePeriod.Yearly, 36500, 3100)]    // 2026 has 365 days: 36,500 × 31 / 365
    public void A_full_march_of_each_period_is_its_share_of_the_calendar_period(ChargePeriod period, int amount, int march)
    {
        var slice = Assert.Single(ChargeProration.Slices(amount, period, new LocalDate(2025, 1, 1), null, March2026));

        Assert.Equal((new YearMonth(2026, 3), new LocalDate(2026, 3, 1), 31), (slice.Month, slice.Start, slice.Days));
        Assert.Equal(march, Money.Round(slice.Amount));
    }

    [Theory]
    [InlineData(2026, 3, 10, null, 2200)]          // 22 of 31 days: 3,100 × 22 / 31
    [InlineData(2026, 2, 1, "2026-03-20", 2000)]   // ends on the 20th, inclusive: 20 days
    [InlineData(2026, 3, 31, "2026-03-31", 100)]   // one day
    [InlineData(2026, 4, 1, null, null)]           // starts after the window
    [InlineData(2025, 1, 1, "2026-02-28", null)]   // ended before it
    public void A_charge_starting_or_ending_inside_the_month_counts_its_days(int year, int month, int day, string? end, int? march)
    {
        LocalDate? last = end is null ? null : NodaTime.Text.LocalDatePattern.Iso.Parse(end).Value;

        var slices = ChargeProration.Slices(3100, ChargePeriod.Monthly, new LocalDate(year, month, day), last, March2026);

        Assert.Equal((decimal?)march, slices.Count == 0 ? null : Money.Round(Assert.Single(slices).Amount));
    }

    [Fact]
    public void A_window_across_months_gives_one_slice_per_month_starting_at_the_later_of_month_start_and_window_start()
    {
        var window = new DateInterval(new LocalDate(2026, 2, 15), new LocalDate(2026, 4, 10));

        var slices = ChargeProration.Slices(9000, ChargePeriod.Quarterly, new LocalDate(2026, 1, 1), null, window);

        // Q1 (90 days) is 100 a day; Q2 (91 days) is 9,000 / 91 a day.
        Assert.Equal(
        [
            (new YearMonth(2026, 2), new LocalDate(2026, 2, 15), 14, 1400.00m),
            (new YearMonth(2026, 3), new LocalDate(2026, 3, 1), 31, 3100.00m),
            (new YearMonth(2026, 4), new LocalDate(2026, 4, 1), 10, 989.01m),
        ], slices.Select(s => (s.Month, s.Start, s.Days, Money.Round(s.Amount))));
    }

    [Fact]
    public void A_year_of_months_adds_up_to_the_yearly_charge_in_a_leap_year_too()
    {
        var year = new DateInterval(new LocalDate(2028, 1, 1), new LocalDate(2028, 12, 31));

        var slices = ChargeProration.Slices(36600, ChargePeriod.Yearly, new LocalDate(2027, 6, 1), null, year);

        Assert.Equal(12, slices.Count);
        Assert.Equal(2900m, slices[1].Amount); // February 2028: 29 of 366 days
        Assert.Equal(36600m, Money.Round(slices.Sum(s => s.Amount)));
    }

    [Theory]
    [InlineData(2026, 3, 5, 1, 500)]    // inside the window: the whole amount in its month
    [InlineData(2026, 4, 1, 0, 0)]      // after it
    [InlineData(2026, 2, 28, 0, 0)]     // before it: charged once, on its start day, not spread
    public void A_one_off_charge_is_the_whole_amount_on_its_start_day(int year, int month, int day, int count, int amount)
    {
        var slices = ChargeProration.Slices(500, ChargePeriod.OneOff, new LocalDate(year, month, day), null, March2026);

        Assert.Equal(count, slices.Count);
        Assert.Equal(amount, slices.Sum(s => s.Amount));
    }

    [Fact]
    public void Slices_keep_every_digit_and_only_the_shown_figure_is_rounded_half_to_even()
    {
        var slice = Assert.Single(ChargeProration.Slices(100, ChargePeriod.Monthly, new LocalDate(2026, 3, 1), null,
            new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 1))));

        Assert.Equal(100m / 31, slice.Amount);
        Assert.Equal(3.23m, Money.Round(slice.Amount));
        Assert.Equal(0.12m, Money.Round(0.125m));
        Assert.Equal(0.14m, Money.Round(0.135m));
    }
}
