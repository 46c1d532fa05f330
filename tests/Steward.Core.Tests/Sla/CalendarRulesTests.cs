using NodaTime;
using Steward.Core.Sla;

namespace Steward.Core.Tests.Sla;

public sealed class CalendarRulesTests
{
    static WorkingHours H(IsoDayOfWeek day, string start, string end) => new(day, WorkingHours.ParseTime(start)!.Value, WorkingHours.ParseTime(end)!.Value);

    [Theory]
    [InlineData("09:00", 540)]
    [InlineData("00:00", 0)]
    [InlineData("24:00", 1440)]
    [InlineData("23:59", 1439)]
    [InlineData("24:01", null)]
    [InlineData("25:00", null)]
    [InlineData("9:00", null)]
    [InlineData("09:60", null)]
    [InlineData("09-00", null)]
    [InlineData("+9:00", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Times_are_HH_mm_up_to_24_00(string? text, int? minutes) => Assert.Equal(minutes, WorkingHours.ParseTime(text));

    [Fact]
    public void Intervals_that_share_time_on_one_day_overlap_and_touching_ones_do_not()
    {
        Assert.Single(CalendarRules.Overlapping([H(IsoDayOfWeek.Monday, "09:00", "12:00"), H(IsoDayOfWeek.Monday, "11:00", "13:00")]));
        Assert.Empty(CalendarRules.Overlapping([H(IsoDayOfWeek.Monday, "09:00", "12:00"), H(IsoDayOfWeek.Monday, "12:00", "13:00")]));
        Assert.Empty(CalendarRules.Overlapping([H(IsoDayOfWeek.Monday, "09:00", "12:00"), H(IsoDayOfWeek.Tuesday, "09:00", "12:00")]));
    }

    [Fact]
    public void An_overnight_interval_overlaps_what_the_next_day_starts_before_it_ends_even_from_Sunday_into_Monday()
    {
        Assert.Equal([(0, 1)], CalendarRules.Overlapping([H(IsoDayOfWeek.Monday, "22:00", "06:00"), H(IsoDayOfWeek.Tuesday, "05:00", "09:00")]));
        Assert.Equal([(0, 1)], CalendarRules.Overlapping([H(IsoDayOfWeek.Sunday, "22:00", "06:00"), H(IsoDayOfWeek.Monday, "00:00", "08:00")]));
        Assert.Empty(CalendarRules.Overlapping([H(IsoDayOfWeek.Sunday, "22:00", "06:00"), H(IsoDayOfWeek.Monday, "06:00", "14:00")]));
    }

    [Fact]
    public void A_full_day_overlaps_anything_else_on_that_day()
    {
        Assert.Single(CalendarRules.Overlapping([H(IsoDayOfWeek.Friday, "00:00", "24:00"), H(IsoDayOfWeek.Friday, "23:00", "23:30")]));
        Assert.Single(CalendarRules.Overlapping([H(IsoDayOfWeek.Friday, "08:00", "08:00"), H(IsoDayOfWeek.Saturday, "07:00", "09:00")]));
    }
}
