using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Server.Api;

namespace Steward.Server.Portfolio;

public static class ServiceEndpoints
{
    public const string Resource = "services";

    static readonly SortField<Service>[] Sorts = [new("name", s => s.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManagePortfolio);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        group.MapGet("/{id:guid}/processes", Processes).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPut("/{id:guid}/processes", SetProcesses).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        return group;
    }

    /// <summary>Lists services. Sort: name (default), createdAt. customerId lists the services that customer subscribes to.</summary>
    static Task<Results<Ok<Page<ServiceView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? providerId = null, Guid? customerId = null, ServiceLifecycle? lifecycle = null, ServiceType? type = null,
        [StringLength(200)] string? q = null)
    {
        var query = db.Services.AsNoTracking();
        if (providerId is not null) query = query.Where(s => s.ProviderId == providerId);
        if (customerId is not null) query = query.Where(s => db.Subscriptions.Any(x => x.ServiceId == s.Id && x.CustomerId == customerId));
        if (lifecycle is not null) query = query.Where(s => s.Lifecycle == lifecycle);
        if (type is not null) query = query.Where(s => s.Type == type);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(s => s.Name.ToLower().Contains(needle));
        }
        return Keyset.PageAsync(query, page, Sorts, ServiceView.Projection, v => v.Name, v => v.Id, ct);
    }

    static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var view = await db.Services.AsNoTracking().Where(s => s.Id == id).Select(ServiceView.Projection).SingleOrDefaultAsync(ct);
        if (view is null) return Problems.NotFound("service");
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Results<Created<ServiceView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateService body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        await Entities.CreateAsync(db, await db.NewServiceAsync(body, clock.GetCurrentInstant(), ct), "/api/v1/services", s => ViewAsync(db, s.Id, ct), http, ct);

    static Task<Results<Ok<ServiceView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateService body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<Service, ServiceView>(db, id, ifMatch, "service", s => db.UpdateServiceAsync(s, body, ct), s => ViewAsync(db, s.Id, ct), http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<Service>(db, id, ifMatch, "service", ct,
            async s => await db.ServiceInUseAsync(s, ct) is { } inUse ? $"{inUse} (PUT /api/v1/services/{id} with lifecycle Retired)." : null,
            s => db.RemoveServiceAsync(s, ct));

    /// <summary>The keys of the processes needed to deliver the service.</summary>
    static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> Processes(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.ProcessKeys, s.Version }).SingleOrDefaultAsync(ct);
        if (service is null) return Problems.NotFound("service");
        http.Response.Headers.ETag = ETags.Of(service.Version);
        return TypedResults.Ok<IReadOnlyList<string>>(service.ProcessKeys);
    }

    /// <summary>Replaces the service's process set with the keys in the body (a JSON array), under the service's ETag.</summary>
    static Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult, ValidationProblem>> SetProcesses(
        Guid id, [FromBody] string[] body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<Service, IReadOnlyList<string>>(db, id, ifMatch, "service", s => db.SetProcessesAsync(s, body, ct), s => s.ProcessKeys, http, ct);

    static async Task<ServiceView> ViewAsync(StewardDbContext db, Guid id, CancellationToken ct) =>
        await db.Services.AsNoTracking().Where(s => s.Id == id).Select(ServiceView.Projection).SingleAsync(ct);
}

public sealed record CreateService(
    [property: Required] Guid ProviderId,
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] ServiceType Type,
    ServiceLifecycle? Lifecycle = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    Guid? OwnerId = null,
    [property: MaxLength(PortfolioLimits.MaxOutcomes)] string[]? Outcomes = null,
    [property: MaxLength(100)] string[]? ProcessKeys = null,
    [property: MaxLength(100)] Guid[]? SupportingServiceIds = null);

public sealed record UpdateService(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] ServiceType Type,
    [property: Required] ServiceLifecycle Lifecycle,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    Guid? OwnerId = null,
    [property: MaxLength(PortfolioLimits.MaxOutcomes)] string[]? Outcomes = null,
    [property: MaxLength(100)] string[]? ProcessKeys = null,
    [property: MaxLength(100)] Guid[]? SupportingServiceIds = null);

public sealed record ServiceView(Guid Id, Guid ProviderId, string Name, string? Description, ServiceType Type, ServiceLifecycle Lifecycle,
    Guid? OwnerId, IReadOnlyList<string> Outcomes, IReadOnlyList<string> ProcessKeys, IReadOnlyList<Guid> SupportingServiceIds, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Service, ServiceView>> Projection = s => new ServiceView(
        s.Id, s.ProviderId, s.Name, s.Description, s.Type, s.Lifecycle, s.OwnerId, s.Outcomes, s.ProcessKeys,
        s.Dependencies.Select(d => d.SupportingServiceId).ToList(), s.CreatedAt, s.Version);
}
