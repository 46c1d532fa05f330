using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;

namespace Steward.Server.Ui.Sourcing;

/// <summary>A choice in a picker: an organization or a team, with what it is to the provider.</summary>
public sealed record Pick(Guid Id, string Name, string Group, Guid OrganizationId);

/// <summary>The providers, customers and performers the sourcing pages offer, as the actor may see them.</summary>
public static class SourcingPicks
{
    /// <summary>
    /// Providers whose sourcing the actor may look at: those in its tenancy, or, for a customer's
    /// people, the providers that serve their organization (whose names they may read).
    /// </summary>
    public static async Task<List<Pick>> ProvidersAsync(StewardDbContext db, CancellationToken ct = default)
    {
        var visible = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Provider && o.ArchivedAt == null)
            .OrderBy(o => o.Name).Select(o => new Pick(o.Id, o.Name, "Provider", o.Id)).ToListAsync(ct);
        if (visible.Count > 0 || db.Actor.OrganizationId is not { } own) return visible;
        var serving = await db.PartnerRelationships.AsNoTracking().Where(r => r.PartnerId == own).Select(r => r.ProviderId).ToListAsync(ct);
        return await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => serving.Contains(o.Id) && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null)
            .OrderBy(o => o.Name).Select(o => new Pick(o.Id, o.Name, "Provider", o.Id)).ToListAsync(ct);
    }

    /// <summary>The provider to show first: the actor's own when it is a provider, else the first one offered.</summary>
    public static Guid? DefaultProvider(StewardDbContext db, IReadOnlyList<Pick> providers) =>
        providers.FirstOrDefault(p => p.Id == db.Actor.OrganizationId)?.Id ?? (providers.Count > 0 ? providers[0].Id : null);

    /// <summary>The provider's customers that the actor sees (a customer's people: their own organization only).</summary>
    public static async Task<List<Pick>> CustomersAsync(StewardDbContext db, Guid providerId, CancellationToken ct = default)
    {
        var partners = db.PartnerRelationships.Where(r => r.ProviderId == providerId).Select(r => r.PartnerId);
        var customers = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Customer && partners.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new Pick(o.Id, o.Name, "Customer", o.Id)).ToListAsync(ct);
        // A provider subscribing to its own services delivers them internally: offer that relationship too.
        if (db.Actor.Sees(providerId) && await db.Subscriptions.AnyAsync(s => s.ProviderId == providerId && s.CustomerId == providerId, ct))
        {
            var name = await db.Organizations.Where(o => o.Id == providerId).Select(o => o.Name).SingleAsync(ct);
            customers.Insert(0, new Pick(providerId, name + " (internal)", "Customer", providerId));
        }
        return customers;
    }

    /// <summary>
    /// Who may perform work of the provider's services: the provider, its suppliers and contractors and,
    /// in one customer's assignments, that customer; and the teams of each. The same parties the
    /// assignment rules accept.
    /// </summary>
    public static async Task<List<Pick>> PerformersAsync(StewardDbContext db, Guid providerId, Guid? customerId, CancellationToken ct = default)
    {
        var partners = db.PartnerRelationships.Where(r => r.ProviderId == providerId).Select(r => r.PartnerId);
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.ArchivedAt == null && (o.Id == providerId || o.Id == customerId
                || (partners.Contains(o.Id) && (o.Kind == OrganizationKind.Supplier || o.Kind == OrganizationKind.Contractor))))
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct);
        var ids = organizations.Select(o => o.Id).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null && ids.Contains(t.OrganizationId))
            .Select(t => new { t.Id, t.Name, t.OrganizationId }).ToListAsync(ct);
        string GroupOf(Guid organizationId, OrganizationKind kind) =>
            organizationId == providerId ? "Provider" : organizationId == customerId ? "Customer" : kind.ToString();
        var kinds = organizations.ToDictionary(o => o.Id);
        return organizations.Select(o => new Pick(o.Id, o.Name, GroupOf(o.Id, o.Kind), o.Id))
            .Concat(teams.Select(t => new Pick(t.Id, $"{t.Name} ({kinds[t.OrganizationId].Name})", GroupOf(t.OrganizationId, kinds[t.OrganizationId].Kind) + " teams", t.OrganizationId)))
            .OrderBy(p => GroupRank(p.Group)).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    static int GroupRank(string group) => group switch
    {
        "Provider" => 0, "Provider teams" => 1, "Supplier" => 2, "Supplier teams" => 3, "Contractor" => 4, "Contractor teams" => 5, "Customer" => 6, _ => 7,
    };
}
