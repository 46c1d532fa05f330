using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sla;

namespace Steward.Server.Ui.Homes;

/// <summary>A service its owner looks after, with the open work on it.</summary>
public sealed record OwnedService(Guid Id, string Name, ServiceLifecycle Lifecycle, int Open, int Breached);

/// <summary>Open records of one process of the library.</summary>
public sealed record ProcessLoad(string Key, string Name, int Open);

/// <summary>The reads behind the owners' home: a service owner's services, a process owner's processes.</summary>
public static class OwnerReads
{
    /// <summary>More services than this and the owner reads the portfolio's list instead.</summary>
    public const int ServicesShown = 20;

    /// <summary>The services <paramref name="personId"/> owns that are not retired, each with its open and breached records.</summary>
    public static async Task<Bounded<OwnedService>> ServicesOfAsync(StewardDbContext db, Guid? personId, Instant now, CancellationToken ct = default)
    {
        var owned = db.Services.AsNoTracking().Where(s => s.OwnerId != null && s.OwnerId == personId && s.Lifecycle != ServiceLifecycle.Retired);
        var total = await owned.CountAsync(ct);
        var services = await owned.OrderBy(s => s.Name).Take(ServicesShown).Select(s => new { s.Id, s.Name, s.Lifecycle }).ToListAsync(ct);
        var ids = services.Select(s => s.Id).ToList();
        var open = OpenOn(db, ids);
        var counts = await open.GroupBy(r => r.ServiceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var clocks = db.SlaClocks;
        var breached = await open
            .Where(r => clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))))
            .GroupBy(r => r.ServiceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new(total, services.Select(s => new OwnedService(s.Id, s.Name, s.Lifecycle, counts.GetValueOrDefault(s.Id), breached.GetValueOrDefault(s.Id))).ToList());
    }

    /// <summary>Open records of the services, incidents and requests together.</summary>
    public static IQueryable<Core.Records.WorkRecord> OpenOn(StewardDbContext db, IReadOnlyList<Guid> serviceIds) =>
        db.WorkRecords.AsNoTracking().OpenOnly().Where(r => r.ServiceId != null && serviceIds.Contains(r.ServiceId.Value));

    /// <summary>Open records by the process they run through, the busiest first, named as the built-in library names them.</summary>
    public static async Task<IReadOnlyList<ProcessLoad>> ByProcessAsync(StewardDbContext db, int limit, CancellationToken ct = default)
    {
        var counts = await db.WorkRecords.OpenOnly().GroupBy(r => r.ProcessKey).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(limit).ToListAsync(ct);
        return counts.Select(c => new ProcessLoad(c.Key, BuiltInLibrary.Find(c.Key)?.Name ?? c.Key, c.Count)).ToList();
    }
}
