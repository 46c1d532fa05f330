using NodaTime;
using NodaTime.Text;
using Steward.Core.Sla;

namespace Steward.Core.Tests.Sla;

/// <summary>The calendar maths as a specification: working intervals, overnight shifts, holidays and daylight-saving changes.</summary>
public sealed class BusinessCalendarTests
{
    static WorkingHours H(IsoDayOfWeek day, string start, string end) => new(day, WorkingHours.ParseTime(start)!.Value, WorkingHours.ParseTime(end)!.Value);

    static IEnumerable<WorkingHours> Weekdays(string start, string end) =>
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }.Select(d => H(d, start, end));

    static IEnumerable<WorkingHours> EveryDay(string start, string end) => Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => H(d, start, end));

    static BusinessCalendar Calendar(string zone, IEnumerable<WorkingHours> hours, params string[] holidays) =>
        new(DateTimeZoneProviders.Tzdb[zone], hours, holidays.Select(h => LocalDatePattern.Iso.Parse(h).Value));

    static Instant At(string instant) => InstantPattern.ExtendedIso.Parse(instant).Value;

    static string Due(BusinessCalendar calendar, string start, Duration duration) =>
        InstantPattern.ExtendedIso.Format(calendar.Due(At(start), duration)!.Value);

    [Fact]
    public void Work_left_at_the_end_of_the_day_continues_the_next_working_morning()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:00"));

        Assert.Equal("2026-12-01T10:00:00Z", Due(office, "2026-11-30T16:00:00Z", Duration.FromHours(2)));   // Monday 16:00 + 2 h
        Assert.Equal("2026-12-07T11:00:00Z", Due(office, "2026-12-04T15:00:00Z", Duration.FromHours(4)));   // Friday 15:00 + 4 h: Monday 11:00
    }

    [Fact]
    public void A_clock_started_outside_working_hours_starts_counting_when_they_begin()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:00"));

        Assert.Equal("2026-11-30T10:00:00Z", Due(office, "2026-11-28T12:00:00Z", Duration.FromHours(1)));   // Saturday noon
        Assert.Equal(Duration.Zero, office.Elapsed(At("2026-11-28T00:00:00Z"), At("2026-11-30T09:00:00Z")));
    }

    [Fact]
    public void Due_is_the_earliest_instant_so_a_full_day_ends_at_closing_time_not_the_next_morning()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:00"));

        Assert.Equal("2026-11-30T17:00:00Z", Due(office, "2026-11-30T09:00:00Z", Duration.FromHours(8)));
        Assert.Equal("2026-11-30T09:00:00Z", Due(office, "2026-11-30T09:00:00Z", Duration.Zero));
        Assert.Equal("2026-11-28T12:00:00Z", Due(office, "2026-11-28T12:00:00Z", Duration.Zero));       // nothing to wait for, even at the weekend
    }

    [Fact]
    public void Several_intervals_a_day_leave_the_lunch_break_out()
    {
        var office = Calendar("UTC", [.. Weekdays("08:00", "12:00"), .. Weekdays("13:00", "17:00")]);

        Assert.Equal("2026-11-30T14:00:00Z", Due(office, "2026-11-30T11:00:00Z", Duration.FromHours(2)));
        Assert.Equal(Duration.FromHours(8), office.Elapsed(At("2026-11-30T00:00:00Z"), At("2026-12-01T00:00:00Z")));
    }

    [Fact]
    public void The_spring_change_shortens_a_night_interval_and_the_autumn_change_lengthens_it_in_London()
    {
        var night = Calendar("Europe/London", EveryDay("00:00", "03:00"));

        // 29 March 2026: 01:00 GMT becomes 02:00 BST. 25 October 2026: 02:00 BST becomes 01:00 GMT.
        Assert.Equal(Duration.FromHours(2), night.Elapsed(At("2026-03-29T00:00:00Z"), At("2026-03-29T12:00:00Z")));
        Assert.Equal(Duration.FromHours(4), night.Elapsed(At("2026-10-24T23:00:00Z"), At("2026-10-25T12:00:00Z")));
        Assert.Equal(Duration.FromHours(3), night.Elapsed(At("2026-03-29T23:00:00Z"), At("2026-03-30T12:00:00Z")));   // an ordinary night, in BST
        // Three hours from midnight on the autumn night: 00:00 BST (23:00Z) + 3 real hours = 01:00 GMT the second time round.
        Assert.Equal("2026-10-25T02:00:00Z", Due(night, "2026-10-24T23:00:00Z", Duration.FromHours(3)));
    }

    [Fact]
    public void The_changes_in_New_York_skip_and_repeat_the_hour_after_one_and_two()
    {
        var night = Calendar("America/New_York", EveryDay("01:00", "04:00"));

        // 8 March 2026 02:00 EST → 03:00 EDT; 1 November 2026 02:00 EDT → 01:00 EST.
        Assert.Equal(Duration.FromHours(2), night.Elapsed(At("2026-03-08T05:00:00Z"), At("2026-03-08T12:00:00Z")));
        Assert.Equal(Duration.FromHours(4), night.Elapsed(At("2026-11-01T04:00:00Z"), At("2026-11-01T12:00:00Z")));
    }

    [Fact]
    public void Half_hour_offsets_and_a_half_hour_change_are_counted_to_the_minute()
    {
        var kolkata = Calendar("Asia/Kolkata", Weekdays("09:00", "17:00"));
        Assert.Equal("2026-11-30T04:30:00Z", Due(kolkata, "2026-11-30T00:00:00Z", Duration.FromHours(1))); // 09:00 IST = 03:30Z, + 1 h

        // Lord Howe Island moves its clocks by 30 minutes: 02:00 → 02:30 on 4 October 2026, 02:00 → 01:30 on 5 April 2026.
        var lordHowe = Calendar("Australia/Lord_Howe", EveryDay("01:00", "04:00"));
        Assert.Equal(Duration.FromMinutes(150), lordHowe.Elapsed(At("2026-10-03T13:00:00Z"), At("2026-10-04T06:00:00Z")));
        Assert.Equal(Duration.FromMinutes(210), lordHowe.Elapsed(At("2026-04-04T13:00:00Z"), At("2026-04-05T06:00:00Z")));
    }

    [Fact]
    public void An_overnight_shift_belongs_to_the_day_it_starts()
    {
        var nights = Calendar("UTC", [H(IsoDayOfWeek.Monday, "22:00", "06:00"), H(IsoDayOfWeek.Sunday, "22:00", "06:00")], "2026-11-30");

        // Monday 30 November is a holiday: its shift (to Tuesday 06:00) does not count, Sunday's shift into the holiday does.
        Assert.Equal(Duration.FromHours(8), nights.Elapsed(At("2026-11-29T00:00:00Z"), At("2026-12-02T00:00:00Z")));
        Assert.Equal("2026-11-30T02:00:00Z", Due(nights, "2026-11-29T23:00:00Z", Duration.FromHours(3)));
        Assert.Equal("2026-12-08T03:00:00Z", Due(nights, "2026-12-07T23:00:00Z", Duration.FromHours(4)));       // a working Monday's shift runs into Tuesday
    }

    [Fact]
    public void An_interval_whose_end_equals_its_start_runs_a_full_day()
    {
        var shift = Calendar("UTC", [H(IsoDayOfWeek.Wednesday, "08:00", "08:00")]);

        Assert.Equal(Duration.FromHours(24), shift.Elapsed(At("2026-11-30T00:00:00Z"), At("2026-12-07T00:00:00Z")));
    }

    [Fact]
    public void Holidays_are_local_dates_of_the_calendar_zone()
    {
        // 25 December in Auckland begins at 11:00Z on the 24th.
        var office = Calendar("Pacific/Auckland", EveryDay("00:00", "24:00"), "2026-12-25");

        Assert.Equal(Duration.FromHours(24), office.Elapsed(At("2026-12-24T00:00:00Z"), At("2026-12-26T00:00:00Z")));
        Assert.Equal(Duration.Zero, office.Elapsed(At("2026-12-24T11:00:00Z"), At("2026-12-25T11:00:00Z")));
    }

    [Fact]
    public void A_round_the_clock_calendar_is_real_time_even_across_daylight_saving_changes()
    {
        var always = Calendar("Europe/London", EveryDay("00:00", "24:00"));

        Assert.Equal("2026-03-30T00:00:00Z", Due(always, "2026-03-28T00:00:00Z", Duration.FromHours(48)));
        Assert.Equal(Duration.FromHours(24 * 365 * 3 + 24), always.Elapsed(At("2026-01-01T00:00:00Z"), At("2029-01-01T00:00:00Z")));   // 2028 is a leap year
    }

    [Fact]
    public void Long_durations_run_across_years()
    {
        var office = Calendar("Europe/London", Weekdays("09:00", "17:00"), "2026-12-25", "2026-12-28", "2027-01-01");
        var reference = new MinuteReference(office.Zone, [.. Weekdays("09:00", "17:00")], new HashSet<LocalDate>
            { new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1) });
        var start = At("2026-11-30T10:17:00Z");

        var due = office.Due(start, Duration.FromHours(1000))!.Value;   // 125 working days

        Assert.Equal(reference.Due(start, 1000 * 60), due);
        Assert.Equal(Duration.FromHours(1000), office.Elapsed(start, due));
        Assert.Equal(2027, due.InUtc().Year);
    }

    [Fact]
    public void A_calendar_without_working_time_is_never_due_and_an_empty_range_has_no_business_time()
    {
        var closed = Calendar("UTC", []);
        var office = Calendar("UTC", Weekdays("09:00", "17:00"));

        Assert.Null(closed.Due(At("2026-11-30T10:00:00Z"), Duration.FromMinutes(1)));
        Assert.Equal(Duration.Zero, office.Elapsed(At("2026-11-30T12:00:00Z"), At("2026-11-30T11:00:00Z")));
        Assert.Null(office.Due(At("2299-12-31T00:00:00Z"), Duration.FromDays(10)));
    }

    [Fact]
    public void The_example_in_docs_sla_md_holds()
    {
        var desk = Calendar("Europe/London", [.. Weekdays("08:00", "18:00"), H(IsoDayOfWeek.Saturday, "09:00", "13:00")], "2026-12-25", "2026-12-28");

        Assert.Equal("2026-12-26T12:00:00Z", Due(desk, "2026-12-24T17:00:00Z", Duration.FromHours(4)));
        Assert.Equal(Duration.FromHours(6), desk.Elapsed(At("2026-12-24T17:00:00Z"), At("2026-12-29T09:00:00Z")));
    }
}
