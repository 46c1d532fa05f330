using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Sla;
using Steward.Server.Sla;

namespace Steward.Server.Records;

/// <summary>A record's clocks as they stand at this instant, counted in the calendar each counts in.</summary>
public sealed class RecordClocks(StewardDbContext db, CalendarCache calendars, IClock clock)
{
    public async Task<IReadOnlyList<ClockView>> OfAsync(Guid recordId, CancellationToken ct)
    {
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.RecordId == recordId).ToListAsync(ct);
        var ids = clocks.Select(c => c.CalendarId).OfType<Guid>().Distinct().ToList();
        var inForce = await calendars.InForceAsync(db, ids, ct);
        // A clock not yet brought up to date after an edit of its calendar reads as it will be:
        // the time before the edit in the old hours (these clocks are not tracked: nothing is saved).
        foreach (var c in clocks)
            if (c.CalendarId is { } calendarId && inForce.TryGetValue(calendarId, out var calendar)) calendar.CatchUp(c);
        var engines = inForce.ToDictionary(c => c.Key, c => c.Value.Calendar);
        var parties = clocks.Select(c => c.PartyId).OfType<Guid>().Distinct().ToList();
        var names = await db.Teams.IgnoreQueryFilters().Where(t => parties.Contains(t.Id)).Select(t => new { t.Id, t.Name })
            .Concat(db.Organizations.IgnoreQueryFilters().Where(o => parties.Contains(o.Id)).Select(o => new { o.Id, o.Name }))
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var now = clock.GetCurrentInstant();
        return clocks
            .OrderBy(c => c.Metric).ThenBy(c => c.StartedAt)
            .Select(c => ClockView.Of(c, ClockCalendars.Of(c, engines), now, c.PartyId is { } p ? names.GetValueOrDefault(p) : null))
            .ToList();
    }
}
