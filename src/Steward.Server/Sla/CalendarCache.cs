using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Sla;

namespace Steward.Server.Sla;

/// <summary>
/// The engine of each calendar version, kept between requests: its year tables cost 20–200 µs each
/// to build and a due date then costs about 0.1 µs. A new version (any edit) gets a new engine.
/// </summary>
public sealed class CalendarCache
{
    const int MaxEntries = 2_000;
    readonly ConcurrentDictionary<(Guid Id, long Version), BusinessCalendar> engines = new();

    public BusinessCalendar For(SlaCalendar calendar)
    {
        if (engines.TryGetValue((calendar.Id, calendar.Version), out var engine)) return engine;
        // Old versions are never asked for again; rather than track them, start afresh when full.
        if (engines.Count >= MaxEntries) engines.Clear();
        return engines.GetOrAdd((calendar.Id, calendar.Version), _ => calendar.ToCalendar());
    }

    /// <summary>The calendars with these ids as clocks count in them: each with its earlier versions.</summary>
    public async Task<Dictionary<Guid, CalendarInForce>> InForceAsync(StewardDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.SlaCalendars.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var revisions = (await db.SlaCalendarRevisions.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.CalendarId))
            .OrderBy(r => r.Version).ToListAsync(ct)).ToLookup(r => r.CalendarId);
        // An earlier version has the engine key its calendar had at that version: often still cached.
        return rows.ToDictionary(c => c.Id, c => new CalendarInForce(c.Id, c.Version, For(c),
            [.. revisions[c.Id].Select(r => new CalendarEra(r.Version, r.ReplacedAt, For(r.AsCalendar())))]));
    }
}
