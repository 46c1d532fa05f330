using NodaTime;
using Steward.Core.Measures;

namespace Steward.Core.Tests.Measures;

/// <summary>The arithmetic every measure shares, and the periods every series is cut into.</summary>
public sealed class MeasureMathTests
{
    [Theory]
    [InlineData(new long[] { }, null)]
    [InlineData(new long[] { 7 }, 7.0)]
    [InlineData(new long[] { 9, 1, 5 }, 5.0)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new long[] { 1, 1, 1, 100 }, 1.0)]
    public void The_median_is_exact_and_an_even_count_takes_the_mean_of_the_middle_two(long[] values, double? median) =>
        Assert.Equal(median, MeasureMath.Median([.. values]));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 3, 33.3)]
    [InlineData(3, 3, 100.0)]
    public void A_percentage_is_rounded_once_to_one_decimal_and_has_no_value_over_nothing(long part, long whole, double? percent) =>
        Assert.Equal(percent, MeasureMath.Percent(part, whole));

    [Theory]
    [InlineData("744", 1, "744.00")]
    [InlineData("2204", 3, "734.67")]
    [InlineData("192", 2, "96.00")]
    [InlineData("0.125", 1, "0.12")]
    [InlineData("0.135", 1, "0.14")]
    [InlineData("-50", 4, "-12.50")]
    [InlineData("1200", 0, null)]
    public void Cost_per_record_is_rounded_half_to_even_to_cents_and_has_no_value_without_a_record(string amount, long records, string? perRecord) =>
        Assert.Equal(perRecord is null ? null : decimal.Parse(perRecord, System.Globalization.CultureInfo.InvariantCulture),
            MeasureMath.PerRecord(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), records));

    [Fact]
    public void Durations_read_as_hours_and_days_to_two_decimals()
    {
        Assert.Equal(2.5, MeasureMath.Hours(Duration.FromMinutes(150).BclCompatibleTicks));
        Assert.Equal(0.33, MeasureMath.Hours(Duration.FromMinutes(20).BclCompatibleTicks));
        Assert.Equal(5.25, MeasureMath.Days(Duration.FromHours(126).BclCompatibleTicks));
        Assert.Null(MeasureMath.Hours(null));
    }

    [Fact]
    public void Months_are_cut_at_the_zones_midnight_and_the_first_and_last_to_the_period()
    {
        var auckland = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var from = Instant.FromUtc(2026, 10, 15, 0, 0);
        var to = Instant.FromUtc(2026, 12, 5, 0, 0);

        var buckets = Periods.Buckets(from, to, auckland, MeasureInterval.Month);

        Assert.Equal([new LocalDate(2026, 10, 1), new LocalDate(2026, 11, 1), new LocalDate(2026, 12, 1)], buckets.Select(b => b.Start));
        Assert.Equal(from, buckets[0].From);
        // 1 November in Auckland (daylight time, UTC+13) begins at 11:00 UTC on 31 October.
        Assert.Equal(Instant.FromUtc(2026, 10, 31, 11, 0), buckets[0].To);
        Assert.Equal(buckets[0].To, buckets[1].From);
        Assert.Equal(to, buckets[2].To);
    }

    [Fact]
    public void Weeks_start_on_monday_and_days_are_whole_local_days()
    {
        var from = Instant.FromUtc(2026, 12, 2, 12, 0);
        var to = Instant.FromUtc(2026, 12, 16, 0, 0);

        Assert.Equal([new LocalDate(2026, 11, 30), new LocalDate(2026, 12, 7), new LocalDate(2026, 12, 14)],
            Periods.Buckets(from, to, DateTimeZone.Utc, MeasureInterval.Week).Select(b => b.Start));
        Assert.Equal(14, Periods.Buckets(from, to, DateTimeZone.Utc, MeasureInterval.Day).Count);
    }
}
