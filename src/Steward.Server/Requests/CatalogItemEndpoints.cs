using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Requests;
using Steward.Server.Api;

namespace Steward.Server.Requests;

/// <summary>
/// /api/v1/catalog-items: what customers can request, with its form, approvals and fulfilment
/// tasks. Customers' people list the active items of the services they subscribe to.
/// </summary>
public static class CatalogItemEndpoints
{
    public const string Resource = "catalog-items";
    public const string Path = "/api/v1/catalog-items";

    static readonly SortField<CatalogItem>[] Sorts = [new("name", i => i.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapCatalogItems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Service catalogue");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManagePortfolio);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        return group;
    }

    /// <summary>Lists catalogue items. Filters: serviceId, providerId, category, active. Sort: name (default), createdAt.</summary>
    static async Task<Results<Ok<Page<CatalogItemView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? serviceId = null, Guid? providerId = null, string? category = null, bool? active = null)
    {
        if (category is { Length: > CatalogLimits.Category }) return Problems.Invalid("category", $"A category is at most {CatalogLimits.Category} characters.");
        var query = db.CatalogItems.AsNoTracking();
        if (serviceId is not null) query = query.Where(i => i.ServiceId == serviceId);
        if (providerId is not null) query = query.Where(i => i.ProviderId == providerId);
        if (category is not null) query = query.Where(i => i.Category == category);
        if (active is not null) query = query.Where(i => i.IsActive == active);
        return await Keyset.PageByNameAsync(query, page, Sorts, i => i.Name, CatalogItemView.Of, ct);
    }

    static Task<Results<Ok<CatalogItemView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<CatalogItem, CatalogItemView>(db, id, "catalogue item", CatalogItemView.Of, http, ct);

    static async Task<Results<Created<CatalogItemView>, ProblemHttpResult, ValidationProblem>> Create(
        CatalogItemBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        // The item is the provider's whose service it is, and only that provider's people shape it.
        var provider = await db.Services.Where(s => s.Id == body.ServiceId).Select(s => (Guid?)s.ProviderId).SingleOrDefaultAsync(ct);
        if (provider is not { } providerId || !db.Actor.Sees(providerId)) return Problems.Invalid("serviceId", "No service with this id exists in your tenancy.");
        var item = new CatalogItem { ProviderId = providerId, Name = body.Name, CreatedAt = clock.GetCurrentInstant() };
        var broken = await CatalogItemInput.ApplyAsync(db, item, body, ct);
        return await Entities.CreateAsync(db, (item, broken), Path, i => Task.FromResult(CatalogItemView.Of(i)), http, ct);
    }

    static Task<Results<Ok<CatalogItemView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, CatalogItemBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<CatalogItem, CatalogItemView>(db, id, ifMatch, "catalogue item", item => CatalogItemInput.ApplyAsync(db, item, body, ct),
            CatalogItemView.Of, http, ct);

    /// <summary>An item requested before stays, retired (isActive false): its requests keep pointing at it.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<CatalogItem>(db, id, ifMatch, "catalogue item", ct, inUse: async item =>
            await db.WorkRecords.IgnoreQueryFilters().AnyAsync(r => r.CatalogItemId == item.Id, ct)
                ? "The item has been requested; retire it instead (PUT with isActive false) so that its requests keep their item."
                : null);
}
