using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Measures;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Measures;

/// <summary>Whose records a series may count, or why not.</summary>
public sealed record MeasureReach(IReadOnlyList<Guid> Providers, MeasureFilter Filter, int Status = 200, string? Detail = null)
{
    public bool Refused => Status != 200;
}

/// <summary>
/// Who may read which measure of which provider. A provider's people (and administrators and
/// auditors) read their provider's measures; a customer's people read the measures a customer may
/// see (<see cref="MeasureAudience.Relationship"/>) of their own relationships, the series narrowed
/// to their organization whatever they ask; satisfaction needs the right to read satisfaction, and
/// money the right to read costs.
/// </summary>
public static class MeasureAccess
{
    public static async Task<MeasureReach> ReachAsync(StewardDbContext db, MeasureDefinition measure, MeasureFilter filter, CancellationToken ct)
    {
        var actor = db.Actor;
        var providers = db.Organizations.IgnoreQueryFilters().Where(o => o.Kind == OrganizationKind.Provider);
        if (filter.ProviderId is { } named) providers = providers.Where(o => o.Id == named);
        var ids = await providers.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var providerSide = actor.SeesAll || (actor.OrganizationId is { } own && ids.Contains(own));
        if (providerSide)
        {
            var seen = actor.SeesAll ? ids : ids.Where(actor.Sees).ToList();
            if (measure.Key.StartsWith("csat-", StringComparison.Ordinal) && !Access.RolesOf[Access.ReadSatisfaction].Any(actor.IsInRole))
                return new([], filter, 403, "Satisfaction is read by the provider's managers, owners and agents.");
            if (measure.Unit is MeasureUnit.Currency && !Access.RolesOf[Access.ReadCosts].Any(actor.IsInRole))
                return new([], filter, 403, "Costs and margins are read by administrators, auditors, provider managers and service owners.");
            return new(seen, filter);
        }

        // Anyone else reads as a customer: the relationships their organization has with the providers.
        if (measure.Audience is not MeasureAudience.Relationship)
            return new([], filter, 403, $"The measure '{measure.Key}' is the provider's own; a customer reads the measures of its relationship (GET /api/v1/measures lists each one's audience).");
        if (actor.OrganizationId is not { } customer) return new([], filter, 403, "Sign in as a person of an organization.");
        if (filter.CustomerId is { } asked && asked != customer) return new([], filter, 404, "customerId");
        var served = await db.PartnerRelationships.IgnoreQueryFilters()
            .Where(r => r.PartnerId == customer && ids.Contains(r.ProviderId)).Select(r => r.ProviderId).Distinct().ToListAsync(ct);
        if (filter.ProviderId is not null && served.Count == 0) return new([], filter, 404, "providerId");
        return new(served.OrderBy(p => p).ToList(), filter with { CustomerId = customer });
    }
}
