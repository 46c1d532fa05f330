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

public static class OfferingEndpoints
{
    public const string Resource = "offerings";

    static readonly SortField<Offering>[] Sorts = [new("name", o => o.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapOfferings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offerings").WithTags("Offerings");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManagePortfolio);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        return group;
    }

    /// <summary>Lists offerings. Sort: name (default), createdAt.</summary>
    static Task<Results<Ok<Page<OfferingView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? serviceId = null, Guid? providerId = null)
    {
        var query = db.Offerings.AsNoTracking();
        if (serviceId is not null) query = query.Where(o => o.ServiceId == serviceId);
        if (providerId is not null) query = query.Where(o => o.ProviderId == providerId);
        return Keyset.PageAsync(query, page, Sorts, OfferingView.Projection, v => v.Name, v => v.Id, ct);
    }

    static async Task<Results<Ok<OfferingView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offering is null) return Problems.NotFound("offering");
        http.SetETag(offering);
        return TypedResults.Ok(OfferingView.Of(offering));
    }

    static async Task<Results<Created<OfferingView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateOffering body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == body.ServiceId && db.Organizations.Any(o => o.Id == s.ProviderId))
            .Select(s => new { s.Id, s.ProviderId, s.Lifecycle }).SingleOrDefaultAsync(ct);
        if (service is null) return Problems.Invalid("serviceId", "No service of a provider in your tenancy has this id.");
        if (service.Lifecycle is ServiceLifecycle.Retired) return Problems.Conflict("The service is retired; it takes no new offerings.");
        var name = body.Name.Trim();
        if (await NameTakenAsync(db, service.Id, name, null, ct)) return Problems.Conflict($"The service already has an offering named '{name}'.");
        if (TargetsOf(body.Targets) is var (targets, problem) && problem is not null) return problem;
        var offering = new Offering { ServiceId = service.Id, ProviderId = service.ProviderId, Name = name, Description = body.Description, Targets = targets!, CreatedAt = clock.GetCurrentInstant() };
        db.Offerings.Add(offering);
        await db.SaveChangesAsync(ct);
        http.SetETag(offering);
        return TypedResults.Created($"/api/v1/offerings/{offering.Id}", OfferingView.Of(offering));
    }

    static async Task<Results<Ok<OfferingView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateOffering body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var offering = await db.Offerings.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offering is null) return Problems.NotFound("offering");
        if (!db.TryExpect(offering, ifMatch)) return Problems.PreconditionFailed(offering.Version);
        var name = body.Name.Trim();
        if (await NameTakenAsync(db, offering.ServiceId, name, id, ct)) return Problems.Conflict($"The service already has an offering named '{name}'.");
        if (TargetsOf(body.Targets) is var (targets, problem) && problem is not null) return problem;
        offering.Name = name;
        offering.Description = body.Description;
        offering.Targets = targets!;
        await db.SaveChangesAsync(ct);
        http.SetETag(offering);
        return TypedResults.Ok(OfferingView.Of(offering));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var offering = await db.Offerings.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offering is null) return Problems.NotFound("offering");
        if (!db.TryExpect(offering, ifMatch)) return Problems.PreconditionFailed(offering.Version);
        if (await db.OfferingInUseAsync(offering, ct) is { } inUse) return Problems.Conflict(inUse + ".");
        db.Offerings.Remove(offering);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static Task<bool> NameTakenAsync(StewardDbContext db, Guid serviceId, string name, Guid? except, CancellationToken ct) =>
        db.Offerings.IgnoreQueryFilters().AnyAsync(o => o.ServiceId == serviceId && o.Name == name && o.Id != except, ct);

    static (List<ServiceLevelTarget>? Targets, ValidationProblem? Problem) TargetsOf(TargetBody[]? body)
    {
        var targets = new List<ServiceLevelTarget>();
        for (var i = 0; i < (body?.Length ?? 0); i++)
        {
            var t = body![i];
            if (t is null || string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > PartyLimits.Label || t.Name.Any(char.IsControl))
                return (null, Problems.Invalid($"targets[{i}].name", $"Name each target in one line of up to {PartyLimits.Label} characters."));
            if (string.IsNullOrWhiteSpace(t.Unit) || t.Unit.Length > 20 || t.Unit.Any(char.IsControl))
                return (null, Problems.Invalid($"targets[{i}].unit", "Give the unit in up to 20 characters: %, hours, minutes..."));
            if (targets.Any(x => x.Name == t.Name.Trim()))
                return (null, Problems.Invalid($"targets[{i}].name", $"'{t.Name.Trim()}' is listed twice."));
            targets.Add(new ServiceLevelTarget(t.Name.Trim(), t.Target, t.Unit.Trim()));
        }
        return (targets, null);
    }
}

public sealed record TargetBody(string Name, [property: Range(-1e12, 1e12)] decimal Target, string Unit);

public sealed record CreateOffering(
    [property: Required] Guid ServiceId,
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: MaxLength(PortfolioLimits.MaxTargets)] TargetBody[]? Targets = null);

public sealed record UpdateOffering(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: MaxLength(PortfolioLimits.MaxTargets)] TargetBody[]? Targets = null);

public sealed record OfferingView(Guid Id, Guid ServiceId, Guid ProviderId, string Name, string? Description, IReadOnlyList<ServiceLevelTarget> Targets, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Offering, OfferingView>> Projection =
        o => new OfferingView(o.Id, o.ServiceId, o.ProviderId, o.Name, o.Description, o.Targets, o.CreatedAt, o.Version);

    public static OfferingView Of(Offering o) => new(o.Id, o.ServiceId, o.ProviderId, o.Name, o.Description, o.Targets, o.CreatedAt, o.Version);
}
