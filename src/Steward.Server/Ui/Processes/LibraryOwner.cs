using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;

namespace Steward.Server.Ui.Processes;

/// <summary>A provider whose process library the actor may read; its name is null when the provider is outside the actor's tenancy (it serves them).</summary>
public sealed record LibraryOwner(Guid Id, string? Name)
{
    public string Label => Name ?? "Your provider";

    /// <summary>
    /// The providers whose libraries the actor reads: those in its tenancy, and those that serve its organization
    /// (a customer's people read their provider's library). The actor's own provider comes first.
    /// </summary>
    public static async Task<List<LibraryOwner>> VisibleAsync(StewardDbContext db, CancellationToken ct = default)
    {
        var own = db.Actor.OrganizationId;
        var inTenancy = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Provider)
            .Select(o => new LibraryOwner(o.Id, o.Name)).ToListAsync(ct);
        var serving = await db.PartnerRelationships.AsNoTracking().Where(r => r.PartnerId == own).Select(r => r.ProviderId).ToListAsync(ct);
        return inTenancy.Concat(serving.Where(id => inTenancy.All(p => p.Id != id)).Select(id => new LibraryOwner(id, null)))
            .OrderBy(p => p.Id == own ? 0 : 1).ThenBy(p => p.Name is null ? 0 : 1).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
