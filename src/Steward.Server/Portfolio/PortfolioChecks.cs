using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;

namespace Steward.Server.Portfolio;

/// <summary>Lookups and rules of the portfolio, shared by the API and the UI.</summary>
public static class PortfolioChecks
{
    /// <summary>An active provider in the caller's tenancy.</summary>
    public static Task<Organization?> ActiveProviderAsync(this StewardDbContext db, Guid providerId, CancellationToken ct = default) =>
        db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null, ct);

    /// <summary>The process library as the provider sees it (read across tenancy: a customer's people see their provider's processes).</summary>
    public static async Task<ProcessCatalog> CatalogOfAsync(this StewardDbContext db, Guid providerId, CancellationToken ct = default)
    {
        var tailored = await db.TailoredProcesses.IgnoreQueryFilters().AsNoTracking().Where(p => p.ProviderId == providerId).ToListAsync(ct);
        return tailored.Count == 0 ? ProcessCatalog.BuiltIn : new ProcessCatalog(tailored);
    }

    public static Task<bool> ServiceNameTakenAsync(this StewardDbContext db, Guid providerId, string name, Guid? except, CancellationToken ct = default)
    {
        var key = Organization.KeyOf(name);
        return db.Services.IgnoreQueryFilters().AnyAsync(s => s.ProviderId == providerId && s.NameKey == key && s.Id != except, ct);
    }

    /// <summary>
    /// Supporting services are the same provider's, so only its dependency graph is walked.
    /// The first supporting service that would close a cycle if <paramref name="serviceId"/> depended
    /// on <paramref name="supporting"/>: one that already depends, directly or not, on the service.
    /// </summary>
    public static async Task<Guid?> CycleThroughAsync(this StewardDbContext db, Guid providerId, Guid serviceId, IReadOnlyCollection<Guid> supporting, CancellationToken ct = default)
    {
        if (supporting.Contains(serviceId)) return serviceId;
        var edges = await db.ServiceDependencies.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ProviderId == providerId && d.ServiceId != serviceId)
            .Select(d => new { d.ServiceId, d.SupportingServiceId })
            .ToListAsync(ct);
        var next = edges.ToLookup(e => e.ServiceId, e => e.SupportingServiceId);
        foreach (var start in supporting)
        {
            var seen = new HashSet<Guid>();
            var stack = new Stack<Guid>([start]);
            while (stack.TryPop(out var current))
            {
                if (current == serviceId) return start;
                if (!seen.Add(current)) continue;
                foreach (var n in next[current]) stack.Push(n);
            }
        }
        return null;
    }

    /// <summary>What still refers to the service, as a sentence without a full stop; null when it may be deleted.</summary>
    public static async Task<string?> ServiceInUseAsync(this StewardDbContext db, Service service, CancellationToken ct = default)
    {
        var id = service.Id;
        var offerings = await db.Offerings.IgnoreQueryFilters().CountAsync(o => o.ServiceId == id, ct);
        var assignments = await db.SourcingAssignments.IgnoreQueryFilters().CountAsync(a => a.ServiceId == id, ct);
        var dependents = await db.ServiceDependencies.IgnoreQueryFilters().CountAsync(d => d.SupportingServiceId == id, ct);
        return offerings + assignments + dependents > 0
            ? $"'{service.Name}' still has {offerings} offerings, {assignments} sourcing assignments and {dependents} services depending on it; retire it instead"
            : null;
    }

    public static async Task<string?> OfferingInUseAsync(this StewardDbContext db, Offering offering, CancellationToken ct = default)
    {
        var id = offering.Id;
        var subscriptions = await db.Subscriptions.IgnoreQueryFilters().CountAsync(s => s.OfferingId == id, ct);
        return subscriptions > 0 ? $"'{offering.Name}' has {subscriptions} subscriptions; end them first" : null;
    }
}
