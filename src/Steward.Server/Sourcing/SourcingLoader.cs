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

    /// <remarks>
    /// Reads only the columns the derivation uses. For one customer it reads that customer's
    /// subscriptions, their offerings, the service-wide assignments and the customer's own, and
    /// only the agreements on record whose accountable organization can appear in that customer's
    /// derivation (the customer, or who answers for or performs an assigned process): with an SLA on
    /// record per customer, the rest would be most of what a profile reads (docs/performance.md, issue 4).
    /// </remarks>
    public static async Task<SourcingModel> LoadAsync(StewardDbContext db, Guid providerId, Guid? customerId, LocalDate today, CancellationToken ct)
    {
        var catalog = await db.CatalogOfAsync(providerId, ct);
        var services = await db.Services.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == providerId)
            .Select(s => new ServiceFacts(s.Id, s.Name, s.ProcessKeys, s.Type, s.Lifecycle))
            .ToListAsync(ct);
        var subscriptions = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == providerId && (customerId == null || s.CustomerId == customerId) && (s.End == null || s.End >= today))
            .Select(s => new { s.Id, s.ServiceId, s.CustomerId, s.OfferingId, s.ClaimedKind })
            .ToListAsync(ct);
        var offeringIds = customerId is null ? null : subscriptions.Select(s => s.OfferingId).Distinct().ToList();
        var offerings = await db.Offerings.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.ProviderId == providerId && (offeringIds == null || offeringIds.Contains(o.Id)))
            .Select(o => new { o.Id, o.Name, o.Targets })
            .ToDictionaryAsync(o => o.Id, ct);
        var assignments = await db.SourcingAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProviderId == providerId && (customerId == null || a.CustomerId == null || a.CustomerId == customerId))
            .Select(a => new { a.Id, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey, a.PerformerOrganizationId, a.PerformerTeamId, a.AccountableId })
            .ToListAsync(ct);

        var teamIds = assignments.Select(a => a.PerformerTeamId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.OrganizationId })
            .ToListAsync(ct);
        var organizationIds = new HashSet<Guid> { providerId };
        if (customerId is { } c) organizationIds.Add(c);
        organizationIds.UnionWith(subscriptions.Select(s => s.CustomerId));
        // A customer's own assignments outlive its subscription; the matrix still names that customer.
        organizationIds.UnionWith(assignments.Select(a => a.CustomerId).OfType<Guid>());
        organizationIds.UnionWith(assignments.Select(a => a.PerformerOrganizationId));
        organizationIds.UnionWith(assignments.Select(a => a.AccountableId).OfType<Guid>());
        organizationIds.UnionWith(teams.Select(t => t.OrganizationId));
        var ids = organizationIds.ToList();
        var organizations = await db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.Kind })
            .ToDictionaryAsync(o => o.Id, ct);

        var parties = new Dictionary<Guid, Party>(organizations.Count + teams.Count);
        foreach (var o in organizations.Values) parties[o.Id] = new Party(o.Id, o.Name, PartyType.Organization, o.Id, o.Kind);
        foreach (var t in teams) parties[t.Id] = new Party(t.Id, t.Name, PartyType.Team, t.OrganizationId, organizations[t.OrganizationId].Kind);

        // Who can answer for work in this derivation: the customer (for what nobody is assigned), the
        // provider, and the accountable organization of every assignment (named, or the performer's).
        List<Guid>? accountableIds = null;
        if (customerId is { } one)
        {
            var accountable = new HashSet<Guid> { one, providerId };
            foreach (var a in assignments)
                accountable.Add(a.AccountableId ?? (a.PerformerTeamId is { } team && parties.TryGetValue(team, out var p) ? p.OrganizationId : a.PerformerOrganizationId));
            accountableIds = accountable.ToList();
        }
        var agreements = await db.AgreementRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProviderId == providerId && (accountableIds == null || accountableIds.Contains(a.AccountableId)))
            // When two agreements on record meet one requirement, the older one is named, whichever rows are read.
            .OrderBy(a => a.Id)
            .Select(a => new AgreementFacts(a.Id, a.Type, a.AccountableId, a.CounterpartyId, a.ServiceId, a.ProcessKey, a.Reference, a.Measures, a.LastReviewedOn))
            .ToListAsync(ct);

        return new SourcingModel(providerId, catalog, parties, services,
            subscriptions.Select(s => new SubscriptionFacts(s.Id, s.ServiceId, s.CustomerId,
                offerings.TryGetValue(s.OfferingId, out var o) ? o.Name : "", s.ClaimedKind, o?.Targets ?? [])),
            assignments.Select(a => new AssignmentFacts(a.Id, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey, a.PerformerTeamId ?? a.PerformerOrganizationId, a.AccountableId)),
            agreements);
    }

    /// <summary>Today in UTC: subscriptions ended before it no longer count.</summary>
    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InUtc().Date;
}
