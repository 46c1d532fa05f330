using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Portfolio;

namespace Steward.Server.Sourcing;

/// <summary>
/// Reads what the sourcing derivation needs for one provider (and, when named, one customer).
/// It reads across the tenancy filters on purpose: a customer's profile needs the provider's
/// service-wide assignments, which the customer cannot list. So callers decide first, with
/// <see cref="MaySeeAsync"/>, whether the actor may see the relationship at all.
/// </summary>
public static class SourcingLoader
{
    /// <summary>
    /// A provider's people (and administrators, auditors) see its relationships; a customer's people
    /// see their own. Nobody sees a provider–customer pair the provider does not serve.
    /// </summary>
    public static async Task<bool> MaySeeAsync(StewardDbContext db, Guid providerId, Guid? customerId, CancellationToken ct)
    {
        var actor = db.Actor;
        if (!await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct)) return false;
        if (customerId is not { } customer) return actor.Sees(providerId);
        if (!(actor.Sees(providerId) && actor.Sees(customer)) && actor.OrganizationId != customer) return false;
        return customer == providerId
            || await db.PartnerRelationships.IgnoreQueryFilters().AnyAsync(r => r.ProviderId == providerId && r.PartnerId == customer, ct);
    }

    public static async Task<SourcingModel> LoadAsync(StewardDbContext db, Guid providerId, Guid? customerId, LocalDate today, CancellationToken ct)
    {
        var catalog = await db.CatalogOfAsync(providerId, ct);
        var services = await db.Services.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == providerId)
            .Select(s => new ServiceFacts(s.Id, s.Name, s.ProcessKeys, s.Type, s.Lifecycle))
            .ToListAsync(ct);
        var offerings = await db.Offerings.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.ProviderId == providerId)
            .Select(o => new { o.Id, o.Name, o.Targets })
            .ToDictionaryAsync(o => o.Id, ct);
        var subscriptions = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == providerId && (customerId == null || s.CustomerId == customerId) && (s.End == null || s.End >= today))
            .Select(s => new { s.Id, s.ServiceId, s.CustomerId, s.OfferingId, s.ClaimedKind })
            .ToListAsync(ct);
        var assignments = await db.SourcingAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProviderId == providerId && (customerId == null || a.CustomerId == null || a.CustomerId == customerId))
            .ToListAsync(ct);
        var agreements = await db.AgreementRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProviderId == providerId)
            .ToListAsync(ct);

        var teamIds = assignments.Select(a => a.PerformerTeamId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToListAsync(ct);
        var organizationIds = new HashSet<Guid> { providerId };
        if (customerId is { } c) organizationIds.Add(c);
        organizationIds.UnionWith(subscriptions.Select(s => s.CustomerId));
        // A customer's own assignments outlive its subscription; the matrix still names that customer.
        organizationIds.UnionWith(assignments.Select(a => a.CustomerId).OfType<Guid>());
        organizationIds.UnionWith(assignments.Select(a => a.PerformerOrganizationId));
        organizationIds.UnionWith(assignments.Select(a => a.AccountableId).OfType<Guid>());
        organizationIds.UnionWith(teams.Select(t => t.OrganizationId));
        var ids = organizationIds.ToList();
        var organizations = await db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

        var parties = new Dictionary<Guid, Party>(organizations.Count + teams.Count);
        foreach (var o in organizations.Values) parties[o.Id] = Party.Of(o);
        foreach (var t in teams) parties[t.Id] = Party.Of(t, organizations[t.OrganizationId].Kind);

        return new SourcingModel(providerId, catalog, parties, services,
            subscriptions.Select(s => new SubscriptionFacts(s.Id, s.ServiceId, s.CustomerId,
                offerings.TryGetValue(s.OfferingId, out var o) ? o.Name : "", s.ClaimedKind, o?.Targets ?? [])),
            assignments.Select(AssignmentFacts.Of),
            agreements.Select(a => a.ToFacts()));
    }

    /// <summary>Today in UTC: subscriptions ended before it no longer count.</summary>
    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InUtc().Date;
}
