using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Sla;

namespace Steward.Server.Demo;

/// <summary>
/// The demo's business calendars: Meridian's service desk week in Amsterdam, a round-the-clock
/// calendar for major incidents, and Kestrel's own trading hours in London. Holidays for this year
/// and the next, so the due dates of the demo tell the truth for a while.
/// </summary>
public static class DemoCalendars
{
    public static void Add(StewardDbContext db, IReadOnlyDictionary<string, Organization> orgs, Instant now)
    {
        var year = now.InUtc().Year;
        int[] years = [year, year + 1];
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };

        Add("meridian", "Service desk (Amsterdam)", "Europe/Amsterdam",
            [.. weekdays.Select(d => Hours(d, 8, 18)), Hours(IsoDayOfWeek.Saturday, 9, 13)],
            years.SelectMany(y => new (LocalDate, string?)[]
            {
                (new(y, 1, 1), "Nieuwjaarsdag"), (KingsDay(y), "Koningsdag"), (new(y, 12, 25), "Eerste Kerstdag"), (new(y, 12, 26), "Tweede Kerstdag"),
            }));
        Add("meridian", "Around the clock", "UTC",
            Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Hours(d, 0, 24)), []);
        Add("kestrel", "Kestrel trading hours", "Europe/London",
            weekdays.Select(d => Hours(d, 7, 19)),
            years.SelectMany(y => new (LocalDate, string?)[] { (new(y, 1, 1), "New Year's Day"), (new(y, 12, 25), "Christmas Day"), (new(y, 12, 26), "Boxing Day") }));

        void Add(string org, string name, string zone, IEnumerable<WorkingHours> hours, IEnumerable<(LocalDate, string?)> holidays)
        {
            var calendar = new SlaCalendar { OrganizationId = orgs[org].Id, Name = name, TimeZone = zone, CreatedAt = now };
            calendar.SetHours(hours);
            calendar.SetHolidays(holidays);
            db.SlaCalendars.Add(calendar);
        }
    }

    static WorkingHours Hours(IsoDayOfWeek day, int fromHour, int toHour) => new(day, fromHour * 60, toHour * 60);

    /// <summary>27 April, or the 26th when the 27th is a Sunday.</summary>
    static LocalDate KingsDay(int year) =>
        new LocalDate(year, 4, 27) is var day && day.DayOfWeek == IsoDayOfWeek.Sunday ? day.PlusDays(-1) : day;
}
