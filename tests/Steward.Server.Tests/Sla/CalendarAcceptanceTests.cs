using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sla;

/// <summary>
/// Acceptance of the calendar API as a new user meets it on a fresh server: calendars written as a
/// user would write them (day names, "HH:mm", overnight shifts, 24:00, holidays) in many zones,
/// their due instants and elapsed times asked over HTTP for many start instants (near daylight-saving
/// changes above all), each compared with an independent reading of the definition that shares no
/// code with Steward: it walks real minutes and reads the wall clock with NodaTime alone.
/// </summary>
public sealed class CalendarAcceptanceTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Url = "/api/v1/sla/calendars";

    static readonly string[] Zones =
    [
        "Europe/London", "America/New_York", "Europe/Amsterdam", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu",
        "Australia/Adelaide", "America/Santiago", "Pacific/Auckland", "Africa/Casablanca", "UTC",
    ];

    static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    sealed record Interval(int Day, int Start, int End);

    /// <summary>The definition, read literally: a minute counts when its wall-clock time lies in an interval of a working day, the day the interval starts.</summary>
    sealed class Reference(DateTimeZone zone, IReadOnlyList<Interval> week, IReadOnlySet<LocalDate> holidays)
    {
        bool Counts(Instant minute)
        {
            var local = minute.InZone(zone).LocalDateTime;
            var t = local.Hour * 60 + local.Minute;
            // Today's intervals, and yesterday's that run past midnight into today.
            return week.Any(i => Starts(i, local.Date) && t >= i.Start && t < End(i))
                || week.Any(i => Starts(i, local.Date.PlusDays(-1)) && End(i) > 1440 && t + 1440 < End(i));
        }

        bool Starts(Interval i, LocalDate day) => (int)day.DayOfWeek == i.Day && !holidays.Contains(day);

        static int End(Interval i) => i.End <= i.Start ? i.End + 1440 : i.End;

        public Instant Due(Instant start, int minutes)
        {
            var at = start;
            while (minutes > 0)
            {
                if (Counts(at)) minutes--;
                at += Duration.FromMinutes(1);
            }
            return at;
        }

        public int Elapsed(Instant from, Instant to)
        {
            var n = 0;
            for (var at = from; at < to; at += Duration.FromMinutes(1)) if (Counts(at)) n++;
            return n;
        }
    }

    static string Time(int minutes) => minutes == 1440 ? "24:00" : $"{minutes / 60:00}:{minutes % 60:00}";

    /// <summary>Day shifts start at 06:00 or later; night shifts end by 06:00: they never overlap, as the API requires.</summary>
    static List<Interval> RandomWeek(Random random)
    {
        var week = new List<Interval>();
        for (var day = 1; day <= 7; day++)
        {
            if (random.Next(10) < 3) continue;
            if (random.Next(4) == 0) week.Add(new(day, 18 * 60 + random.Next(0, 21) * 15, random.Next(1, 25) * 15));
            else
            {
                var start = 6 * 60 + random.Next(0, 25) * 15;
                week.Add(new(day, start, Math.Min(1440, start + random.Next(4, 41) * 15)));
            }
        }
        if (week.Count == 0) week.Add(new(1, 9 * 60, 17 * 60));
        return week;
    }

    [Fact]
    public async Task Due_and_elapsed_over_the_api_agree_with_an_independent_reading_of_the_definition_in_many_zones()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var random = new Random(20261201);
        var checkedCount = 0;
        for (var c = 0; c < 36; c++)
        {
            var zoneId = Zones[c % Zones.Length];
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var week = RandomWeek(random);
            var year = random.Next(2025, 2029);
            var changes = zone.GetZoneIntervals(Instant.FromUtc(year, 1, 1, 0, 0), Instant.FromUtc(year + 1, 1, 1, 0, 0)).Where(z => z.HasStart).Select(z => z.Start).ToList();
            var around = changes.Count > 1 && random.Next(4) > 0 ? changes[random.Next(1, changes.Count)] : Instant.FromUtc(year, random.Next(1, 13), random.Next(1, 28), 12, 0);
            var holidays = Enumerable.Range(0, random.Next(0, 3)).Select(_ => around.InZone(zone).Date.PlusDays(random.Next(-2, 5))).ToHashSet();

            var created = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(Url, new
            {
                name = $"Acceptance {c}", timeZone = zoneId,
                weeklyHours = week.Select(i => new { day = Days[i.Day - 1], start = Time(i.Start), end = Time(i.End) }).ToArray(),
                holidays = holidays.Select(d => new { date = LocalDatePattern.Iso.Format(d), name = "Holiday" }).ToArray(),
            }));
            var id = created.GetProperty("id").GetGuid();
            var reference = new Reference(zone, week, holidays);

            for (var s = 0; s < 5; s++)
            {
                var start = around + Duration.FromMinutes(random.Next(-2 * 1440, 2 * 1440));
                var minutes = random.Next(1, 40 * 60);
                var iso = InstantPattern.General.Format(start);
                var due = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{id}/due?start={iso}&duration=PT{minutes}M");
                Assert.True(InstantPattern.General.Format(reference.Due(start, minutes)) == due.GetProperty("due").GetString(),
                    $"{zoneId} week {string.Join(" ", week)} holidays {string.Join(",", holidays)}: due from {iso} + {minutes} min");

                var to = start + Duration.FromMinutes(random.Next(0, 4 * 1440));
                var elapsed = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{id}/elapsed?from={iso}&to={InstantPattern.General.Format(to)}");
                Assert.True(reference.Elapsed(start, to) * 60 == elapsed.GetProperty("elapsedSeconds").GetDouble(),
                    $"{zoneId} week {string.Join(" ", week)}: elapsed {iso} → {to}, {elapsed.GetProperty("elapsedSeconds").GetDouble().ToString(CultureInfo.InvariantCulture)} s");
                checkedCount += 2;
            }
        }
        Assert.Equal(360, checkedCount);
    }
}
