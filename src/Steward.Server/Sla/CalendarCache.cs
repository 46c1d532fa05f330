using System.Collections.Concurrent;
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
}
