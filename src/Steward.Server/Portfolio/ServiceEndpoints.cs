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
        CreateService body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (await db.ActiveProviderAsync(body.ProviderId, ct) is null)
            return Problems.Invalid("providerId", "No active provider organization with this id exists in your tenancy.");
        var name = body.Name.Trim();
        if (await db.ServiceNameTakenAsync(body.ProviderId, name, null, ct))
            return Problems.Conflict($"The provider already has a service named '{name}'.");
        var catalog = await db.CatalogOfAsync(body.ProviderId, ct);
        var processKeys = body.ProcessKeys?.ToList() ?? [.. catalog.DefaultForServices()];
        var service = new Service
        {
            ProviderId = body.ProviderId,
            Name = name,
            Description = body.Description,
            Type = body.Type,
            Lifecycle = body.Lifecycle ?? ServiceLifecycle.Pipeline,
            CreatedAt = clock.GetCurrentInstant(),
        };
        var (invalid, conflict) = await ApplyAsync(db, service, body.OwnerId, body.Outcomes, processKeys, body.SupportingServiceIds ?? [], catalog, ct);
        if (invalid is not null) return invalid;
        if (conflict is not null) return conflict;
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        http.SetETag(service);
        return TypedResults.Created($"/api/v1/services/{service.Id}", await ViewAsync(db, service.Id, ct));
    }

    static async Task<Results<Ok<ServiceView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateService body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return Problems.NotFound("service");
        if (!db.TryExpect(service, ifMatch)) return Problems.PreconditionFailed(service.Version);
        var name = body.Name.Trim();
        if (await db.ServiceNameTakenAsync(service.ProviderId, name, id, ct))
            return Problems.Conflict($"The provider already has a service named '{name}'.");
        service.Name = name;
        service.Description = body.Description;
        service.Type = body.Type;
        service.Lifecycle = body.Lifecycle;
        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        IReadOnlyList<Guid> supporting = (IReadOnlyList<Guid>?)body.SupportingServiceIds
            ?? await db.ServiceDependencies.Where(d => d.ServiceId == id).Select(d => d.SupportingServiceId).ToListAsync(ct);
        var (invalid, conflict) = await ApplyAsync(db, service, body.OwnerId, body.Outcomes, body.ProcessKeys?.ToList() ?? service.ProcessKeys, supporting, catalog, ct);
        if (invalid is not null) return invalid;
        if (conflict is not null) return conflict;
        await db.SaveChangesAsync(ct);
        http.SetETag(service);
        return TypedResults.Ok(await ViewAsync(db, id, ct));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return Problems.NotFound("service");
        if (!db.TryExpect(service, ifMatch)) return Problems.PreconditionFailed(service.Version);
        if (await db.ServiceInUseAsync(service, ct) is { } inUse)
            return Problems.Conflict($"{inUse} (PUT /api/v1/services/{id} with lifecycle Retired).");
        db.ServiceDependencies.RemoveRange(await db.ServiceDependencies.Where(d => d.ServiceId == id).ToListAsync(ct));
        db.Services.Remove(service);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The keys of the processes needed to deliver the service.</summary>
    static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> Processes(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.ProcessKeys, s.Version }).SingleOrDefaultAsync(ct);
        if (service is null) return Problems.NotFound("service");
        http.Response.Headers.ETag = ETags.Of(service.Version);
        return TypedResults.Ok<IReadOnlyList<string>>(service.ProcessKeys);
    }

    /// <summary>Replaces the service's process set with the keys in the body (a JSON array), under the service's ETag.</summary>
    static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult, ValidationProblem>> SetProcesses(
        Guid id, [FromBody] string[] body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return Problems.NotFound("service");
        if (!db.TryExpect(service, ifMatch)) return Problems.PreconditionFailed(service.Version);
        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        if (CheckProcessKeys(body, catalog) is { } invalid) return invalid;
        if (await RemovedInUseAsync(db, service, body, ct) is { } inUse) return inUse;
        service.ProcessKeys = [.. body];
        await db.SaveChangesAsync(ct);
        http.SetETag(service);
        return TypedResults.Ok<IReadOnlyList<string>>(service.ProcessKeys);
    }

    /// <summary>Sets what create and update share: owner, outcomes, processes and supporting services, after checking each.</summary>
    static async Task<(ValidationProblem? Invalid, ProblemHttpResult? Conflict)> ApplyAsync(StewardDbContext db, Service service, Guid? ownerId, IReadOnlyList<string>? outcomes,
        IReadOnlyList<string> processKeys, IReadOnlyList<Guid> supporting, Core.Processes.ProcessCatalog catalog, CancellationToken ct)
    {
        if (ownerId is { } owner && !await db.People.AnyAsync(p => p.Id == owner && p.OrganizationId == service.ProviderId && p.ArchivedAt == null, ct))
            return (Problems.Invalid("ownerId", "The owner must be an active person of the providing organization."), null);
        if (outcomes is { } o)
        {
            for (var i = 0; i < o.Count; i++)
                if (string.IsNullOrWhiteSpace(o[i]) || o[i].Length > PortfolioLimits.Outcome || o[i].Any(char.IsControl))
                    return (Problems.Invalid($"outcomes[{i}]", $"Each outcome is one line of 1 to {PortfolioLimits.Outcome} characters."), null);
        }
        if (CheckProcessKeys(processKeys, catalog) is { } invalid) return (invalid, null);
        if (await RemovedInUseAsync(db, service, processKeys, ct) is { } inUse) return (null, inUse);

        var wanted = supporting.Distinct().ToList();
        var known = await db.Services.Where(s => wanted.Contains(s.Id) && s.ProviderId == service.ProviderId).Select(s => s.Id).ToListAsync(ct);
        if (wanted.Where(w => !known.Contains(w)).Select(w => (Guid?)w).FirstOrDefault() is { } missing)
            return (Problems.Invalid("supportingServiceIds", $"Service {missing} is not a service of the same provider."), null);
        if (await db.CycleThroughAsync(service.ProviderId, service.Id, wanted, ct) is { } cycle)
            return (null, Problems.Conflict(cycle == service.Id
                ? "A service cannot support itself."
                : $"Service {cycle} already depends, directly or through others, on this service: the dependency would make a cycle."));

        service.OwnerId = ownerId;
        if (outcomes is not null) service.Outcomes = outcomes.Select(x => x.Trim()).ToList();
        if (!processKeys.SequenceEqual(service.ProcessKeys)) service.ProcessKeys = [.. processKeys];
        var current = await db.ServiceDependencies.Where(d => d.ServiceId == service.Id).ToListAsync(ct);
        var dropped = current.Where(d => !wanted.Contains(d.SupportingServiceId)).ToList();
        var added = wanted.Where(w => current.All(d => d.SupportingServiceId != w))
            .Select(w => new ServiceDependency { ServiceId = service.Id, SupportingServiceId = w, ProviderId = service.ProviderId }).ToList();
        db.ServiceDependencies.RemoveRange(dropped);
        db.ServiceDependencies.AddRange(added);
        // The supporting services are part of the service as clients see it (its ETag), though they
        // live in rows of their own: a change to them alone is a new version of the service too.
        if ((dropped.Count > 0 || added.Count > 0) && db.Entry(service).State is EntityState.Unchanged)
            db.Entry(service).Property(s => s.Version).IsModified = true;
        return (null, null);
    }

    static ValidationProblem? CheckProcessKeys(IReadOnlyList<string> keys, Core.Processes.ProcessCatalog catalog)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null || catalog.Find(keys[i]) is null)
                return Problems.Invalid($"processKeys[{i}]", $"'{Shorten(keys[i])}' is not a process of the provider's library (GET /api/v1/processes).");
            if (!seen.Add(keys[i]))
                return Problems.Invalid($"processKeys[{i}]", $"'{keys[i]}' is listed twice.");
        }
        return null;
    }

    static async Task<ProblemHttpResult?> RemovedInUseAsync(StewardDbContext db, Service service, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var removed = service.ProcessKeys.Except(keys).ToList();
        if (removed.Count == 0) return null;
        var used = await db.SourcingAssignments.IgnoreQueryFilters()
            .Where(a => a.ServiceId == service.Id && removed.Contains(a.ProcessKey))
            .Select(a => a.ProcessKey).Distinct().ToListAsync(ct);
        return used.Count == 0 ? null
            : Problems.Conflict($"Sourcing assignments of this service still name {string.Join(", ", used)}; delete them before removing the process.");
    }

    static string Shorten(string? s) => s is null ? "null" : s.Length > 60 ? s[..60] + "…" : s;

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
