using Microsoft.EntityFrameworkCore;
using Steward.Core;

namespace Steward.Server.Ui.Incidents;

/// <summary>
/// The names of the organizations, teams, people and services a page of records refers to, in one
/// pass. Read past the tenancy filters on purpose (a customer sees who answered it, an agent which
/// supplier performs a step) and for the ids the page already holds only, each in a query of its own.
/// </summary>
public static class PartyNames
{
    public static async Task<Dictionary<Guid, string>> OfAsync(StewardDbContext db, IEnumerable<Guid?> ids)
    {
        var wanted = ids.OfType<Guid>().Where(g => g != Guid.Empty).Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (wanted.Count == 0) return names;
        foreach (var o in await db.Organizations.IgnoreQueryFilters().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync()) names[o.Id] = o.Name;
        foreach (var t in await db.Teams.IgnoreQueryFilters().Where(t => wanted.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync()) names[t.Id] = t.Name;
        foreach (var p in await db.People.IgnoreQueryFilters().Where(p => wanted.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync()) names[p.Id] = p.Name;
        foreach (var s in await db.Services.IgnoreQueryFilters().Where(s => wanted.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync()) names[s.Id] = s.Name;
        return names;
    }
}
