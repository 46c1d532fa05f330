using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Portfolio;

namespace Steward.Server.Ui.Portfolio;

/// <summary>What the service catalogue is narrowed to: the same filters as GET /api/v1/services.</summary>
public sealed record CatalogueFilter(string? Search, ServiceType? Type, ServiceLifecycle? Lifecycle, Guid? CustomerId)
{
    public static readonly CatalogueFilter None = new(null, null, null, null);

    /// <summary>The services that pass; without the lifecycle, for the counts of the lifecycle buttons.</summary>
    public IQueryable<Service> Apply(StewardDbContext db, bool lifecycleToo = true)
    {
        var query = db.Services.AsNoTracking();
        if (CustomerId is { } customer) query = query.Where(s => db.Subscriptions.Any(x => x.ServiceId == s.Id && x.CustomerId == customer));
        if (Type is { } type) query = query.Where(s => s.Type == type);
        if (lifecycleToo && Lifecycle is { } lifecycle) query = query.Where(s => s.Lifecycle == lifecycle);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var needle = Search.Trim().ToLower();
            query = query.Where(s => s.Name.ToLower().Contains(needle));
        }
        return query;
    }
}
