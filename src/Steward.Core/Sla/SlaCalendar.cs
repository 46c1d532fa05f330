using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;
using Steward.Core.Common;
using Steward.Core.Parties;

namespace Steward.Core.Sla;

/// <summary>
/// A business calendar as recorded: an IANA zone, its weekly working intervals and its holidays.
/// It belongs to an organization (a provider's service hours, or a customer's own working week) and
/// is seen by that organization's tenancy. <see cref="ToCalendar"/> gives the engine that counts in it.
/// </summary>
public sealed class SlaCalendar : IEntity, IVersioned, ITenantScoped
{
    public const int MaxIntervals = 70, MaxHolidays = 2000;

    public Guid Id { get; init; } = Ids.New();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string TimeZone { get; set; }
    /// <summary>Stored as "Monday 09:00 17:00", one entry an interval, in the order given.</summary>
    public List<string> WeeklyHours { get; set; } = [];
    /// <summary>Stored as "2026-12-25 Christmas Day" (date, then the name, which may be empty).</summary>
    public List<string> Holidays { get; set; } = [];
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    public void SetHours(IEnumerable<WorkingHours> hours) =>
        WeeklyHours = hours.Select(h => $"{h.Day} {WorkingHours.FormatTime(h.StartMinute)} {WorkingHours.FormatTime(h.EndMinute)}").ToList();

    public void SetHolidays(IEnumerable<(LocalDate Date, string? Name)> holidays) =>
        Holidays = holidays.OrderBy(h => h.Date).Select(h => $"{LocalDatePattern.Iso.Format(h.Date)} {h.Name}".TrimEnd()).ToList();

    public IEnumerable<WorkingHours> Hours() => WeeklyHours.Select(entry =>
    {
        var parts = entry.Split(' ');
        return new WorkingHours(Enum.Parse<IsoDayOfWeek>(parts[0]), WorkingHours.ParseTime(parts[1])!.Value, WorkingHours.ParseTime(parts[2])!.Value);
    });

    public IEnumerable<(LocalDate Date, string? Name)> HolidayList() => Holidays.Select(entry =>
        (LocalDatePattern.Iso.Parse(entry[..10]).Value, entry.Length > 11 ? entry[11..] : null));

    public BusinessCalendar ToCalendar() =>
        new(DateTimeZoneProviders.Tzdb[TimeZone], Hours(), HolidayList().Select(h => h.Date));
}

/// <summary>
/// What a calendar said at one version, kept when it is edited: the clocks that counted in it count
/// the time up to the edit in these hours, not in the new ones, even when they are brought up to
/// date later (by a replan in the background, or by the next change of their record).
/// </summary>
/// <remarks>Derived from the calendar's own journaled edit, so not journaled itself.</remarks>
public sealed class SlaCalendarRevision : ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid CalendarId { get; init; }
    public Guid OrganizationId { get; init; }
    /// <summary>The calendar's version while it said this.</summary>
    public long Version { get; init; }
    public required string TimeZone { get; init; }
    public List<string> WeeklyHours { get; init; } = [];
    public List<string> Holidays { get; init; } = [];
    /// <summary>The instant the edit replaced it.</summary>
    public Instant ReplacedAt { get; init; }

    public static SlaCalendarRevision Of(SlaCalendar calendar, Instant replacedAt) => new()
    {
        CalendarId = calendar.Id,
        OrganizationId = calendar.OrganizationId,
        Version = calendar.Version,
        TimeZone = calendar.TimeZone,
        WeeklyHours = [.. calendar.WeeklyHours],
        Holidays = [.. calendar.Holidays],
        ReplacedAt = replacedAt,
    };

    /// <summary>The calendar as it was, with its id and version, for the engine cache.</summary>
    public SlaCalendar AsCalendar() => new()
    {
        Id = CalendarId,
        OrganizationId = OrganizationId,
        Name = "",
        TimeZone = TimeZone,
        WeeklyHours = [.. WeeklyHours],
        Holidays = [.. Holidays],
        Version = Version,
    };
}

sealed class SlaCalendarRevisionConfiguration : IEntityTypeConfiguration<SlaCalendarRevision>
{
    public void Configure(EntityTypeBuilder<SlaCalendarRevision> e)
    {
        e.Property(r => r.TimeZone).HasMaxLength(64);
        e.HasOne<SlaCalendar>().WithMany().HasForeignKey(r => r.CalendarId).OnDelete(DeleteBehavior.Cascade);
        // Not unique: two edits from the same version race on the calendar's own version, and the
        // loser's save (this row with it) fails as a concurrency conflict (412), not a duplicate.
        e.HasIndex(r => new { r.CalendarId, r.Version });
    }
}

sealed class SlaCalendarConfiguration : IEntityTypeConfiguration<SlaCalendar>
{
    public void Configure(EntityTypeBuilder<SlaCalendar> e)
    {
        e.Property(c => c.Name).HasMaxLength(PartyLimits.Name);
        e.Property(c => c.TimeZone).HasMaxLength(64);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.OrganizationId, c.Name }).IsUnique();
    }
}
