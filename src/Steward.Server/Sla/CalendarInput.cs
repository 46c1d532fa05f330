using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Sla;
using Steward.Server.Api;

namespace Steward.Server.Sla;

[ValidatableType]
public sealed record WorkingHoursBody([property: Required] string Day, [property: Required] string Start, [property: Required] string End);

[ValidatableType]
public sealed record HolidayBody([property: Required] string Date, [property: StringLength(PartyLimits.Name), SingleLine] string? Name = null);

/// <summary>POST and PUT /api/v1/sla/calendars. <c>organizationId</c>: whose calendar it is (default: the caller's organization).</summary>
public sealed record CalendarBody(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required, StringLength(64)] string TimeZone,
    [property: Required, MaxLength(SlaCalendar.MaxIntervals)] WorkingHoursBody[] WeeklyHours,
    [property: MaxLength(SlaCalendar.MaxHolidays)] HolidayBody[]? Holidays = null,
    Guid? OrganizationId = null);

public sealed record WorkingHoursView(IsoDayOfWeek Day, string Start, string End);

public sealed record HolidayView(LocalDate Date, string? Name);

public sealed record CalendarView(Guid Id, Guid OrganizationId, string Name, string TimeZone, IReadOnlyList<WorkingHoursView> WeeklyHours,
    IReadOnlyList<HolidayView> Holidays, Instant CreatedAt, long Version)
{
    public static CalendarView Of(SlaCalendar c) => new(c.Id, c.OrganizationId, c.Name, c.TimeZone,
        c.Hours().Select(h => new WorkingHoursView(h.Day, WorkingHours.FormatTime(h.StartMinute), WorkingHours.FormatTime(h.EndMinute))).ToList(),
        c.HolidayList().Select(h => new HolidayView(h.Date, h.Name)).ToList(), c.CreatedAt, c.Version);
}

/// <summary>Reads a calendar body into the engine's terms, naming the field of the first thing wrong with it. The API and the editor page both save through it.</summary>
public static class CalendarInput
{
    /// <summary><see cref="Apply"/>, then the one rule that reads the database: names are unique per organization (a broken rule without a field: 409).</summary>
    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, SlaCalendar calendar, CalendarBody body, CancellationToken ct = default) =>
        Apply(calendar, body) ?? (await db.SlaCalendars.AnyAsync(c => c.OrganizationId == calendar.OrganizationId && c.Name == calendar.Name && c.Id != calendar.Id, ct)
            ? new RuleViolation($"The organization already has a calendar named '{calendar.Name}'.")
            : null);

    static readonly IsoDayOfWeek[] Days = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();

    public static RuleViolation? Apply(SlaCalendar calendar, CalendarBody body)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(body.TimeZone) is null)
            return new($"'{body.TimeZone}' is not an IANA time zone id (e.g. Europe/London, America/New_York).", "timeZone");
        var hours = new List<WorkingHours>();
        for (var i = 0; i < body.WeeklyHours.Length; i++)
        {
            var entry = body.WeeklyHours[i];
            // By name only: Enum.TryParse would also take "3" or "Monday, Tuesday" (the two OR-ed: Wednesday).
            if (Days.FirstOrDefault(d => d.ToString().Equals(entry.Day?.Trim(), StringComparison.OrdinalIgnoreCase)) is not (var day and not IsoDayOfWeek.None))
                return new("A day is Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday.", $"weeklyHours[{i}].day");
            if (WorkingHours.ParseTime(entry.Start) is not { } start || start == WorkingHours.MinutesPerDay)
                return new("A start is a time from 00:00 to 23:59, written HH:mm.", $"weeklyHours[{i}].start");
            if (WorkingHours.ParseTime(entry.End) is not { } end)
                return new("An end is a time from 00:00 to 24:00, written HH:mm; an end not after the start runs overnight into the next day.", $"weeklyHours[{i}].end");
            hours.Add(new WorkingHours(day, start, end));
        }
        if (CalendarRules.Overlapping(hours).Select(pair => ((int, int)?)pair).FirstOrDefault() is var (first, second))
            return new($"weeklyHours[{first}] ({Describe(hours[first])}) and weeklyHours[{second}] ({Describe(hours[second])}) overlap.", "weeklyHours");
        var holidays = new List<(LocalDate, string?)>();
        for (var i = 0; i < (body.Holidays?.Length ?? 0); i++)
        {
            var parsed = LocalDatePattern.Iso.Parse(body.Holidays![i].Date);
            if (!parsed.Success || parsed.Value.Year is < BusinessCalendar.FirstYear or > BusinessCalendar.LastYear)
                return new($"A holiday's date is a date written yyyy-MM-dd, from {BusinessCalendar.FirstYear} to {BusinessCalendar.LastYear}.", $"holidays[{i}].date");
            if (holidays.Any(h => h.Item1 == parsed.Value))
                return new($"{body.Holidays[i].Date} is listed twice.", $"holidays[{i}].date");
            holidays.Add((parsed.Value, string.IsNullOrWhiteSpace(body.Holidays[i].Name) ? null : body.Holidays[i].Name!.Trim()));
        }
        calendar.Name = body.Name.Trim();
        calendar.TimeZone = body.TimeZone;
        calendar.SetHours(hours);
        calendar.SetHolidays(holidays);
        return null;
    }

    static string Describe(WorkingHours h) => $"{h.Day} {WorkingHours.FormatTime(h.StartMinute)}–{WorkingHours.FormatTime(h.EndMinute)}";
}
