using NodaTime;
using Steward.Core.Sla;

namespace Steward.Core.Tests.Sla;

/// <summary>
/// Random calendars in zones with daylight-saving changes, half- and quarter-hour offsets, random
/// holidays and start instants near the changes, each due date and elapsed time compared with the
/// minute-by-minute reading of the definition.
/// </summary>
public sealed class CalendarPropertyTests
{
    static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "UTC", "Europe/Berlin"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Due_and_elapsed_agree_with_the_minute_by_minute_definition(int seed)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]];
        var hours = RandomWeek(random);
        // Instants near this zone's daylight-saving changes, where mistakes would hide.
        var year = random.Next(2020, 2031);
        var changes = zone.GetZoneIntervals(Instant.FromUtc(year, 1, 1, 0, 0), Instant.FromUtc(year + 1, 1, 1, 0, 0)).Where(z => z.HasStart).Select(z => z.Start).ToList();
        var around = changes.Count > 1 ? changes[random.Next(1, changes.Count)] : Instant.FromUtc(year, random.Next(1, 13), random.Next(1, 28), 0, 0);
        var holidays = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => around.InZone(zone).Date.PlusDays(random.Next(-3, 4))).ToHashSet();
        var calendar = new BusinessCalendar(zone, hours, holidays);
        var reference = new MinuteReference(zone, hours, holidays);
        var weekly = hours.Sum(h => h.LengthMinutes);

        for (var i = 0; i < 6; i++)
        {
            var start = around + Duration.FromMinutes(random.Next(-3 * 1440, 2 * 1440));
            var minutes = random.Next(0, 2 * weekly + 1);
            var expected = reference.Due(start, minutes);

            Assert.Equal(expected, calendar.Due(start, Duration.FromMinutes(minutes)));
            var to = start + Duration.FromMinutes(random.Next(0, 6 * 1440));
            Assert.Equal(reference.ElapsedMinutes(start, to), (int)calendar.Elapsed(start, to).TotalMinutes);
        }
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 120; seed++) data.Add(seed);
        return data;
    }

    /// <summary>One to six intervals on random days that do not overlap in the week (overnight ones included).</summary>
    static List<WorkingHours> RandomWeek(Random random)
    {
        var hours = new List<WorkingHours>();
        for (var tries = 0; hours.Count < random.Next(1, 7) && tries < 50; tries++)
        {
            var day = (IsoDayOfWeek)random.Next(1, 8);
            var start = random.Next(0, 24 * 4) * 15 + (random.Next(4) == 0 ? random.Next(15) : 0);
            var end = random.Next(4) == 0 ? 1440 : random.Next(0, 24 * 4) * 15;
            var candidate = new WorkingHours(day, start, end);
            if (!CalendarRules.Overlapping(hours.Append(candidate).ToList()).Any()) hours.Add(candidate);
        }
        return hours;
    }
}
