using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Parties;

namespace Steward.Server.Parties;

/// <summary>
/// Keeps <see cref="CostRate.ValidUntil"/> true: after a payee's rate is added, changed or removed
/// (and before the save), each of the payee's rates holds until the next one's ValidFrom. Every
/// writer of rates calls it, so the P&amp;L can join work on the interval. A neighbour whose interval
/// moves is saved too (its version moves with it, as its row changed).
/// </summary>
public static class CostRateChains
{
    public static async Task RelinkAsync(StewardDbContext db, Guid? personId, Guid? teamId, CancellationToken ct = default)
    {
        // Past the filters: the chain is the payee's whole history, whoever sees it. Tracked rows come
        // back as tracked, with their unsaved changes; added ones are only in the change tracker.
        var stored = await db.CostRates.IgnoreQueryFilters().Where(c => c.PersonId == personId && c.TeamId == teamId).ToListAsync(ct);
        var chain = stored.Union(db.CostRates.Local.Where(c => c.PersonId == personId && c.TeamId == teamId))
            .Where(c => db.Entry(c).State is not EntityState.Deleted);
        foreach (var (rate, until) in CostRateBook.Intervals(chain, c => c.ValidFrom))
            if (rate.ValidUntil != until) rate.ValidUntil = until;
    }
}
