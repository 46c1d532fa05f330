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

    static Task<Results<Ok<OfferingView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Offering, OfferingView>(db, id, "offering", OfferingView.Of, http, ct);

    static async Task<Results<Created<OfferingView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateOffering body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        await Entities.CreateAsync(db, await db.NewOfferingAsync(body, clock.GetCurrentInstant(), ct), "/api/v1/offerings", o => Task.FromResult(OfferingView.Of(o)), http, ct);

    static Task<Results<Ok<OfferingView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateOffering body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<Offering, OfferingView>(db, id, ifMatch, "offering", o => db.UpdateOfferingAsync(o, body, ct), OfferingView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<Offering>(db, id, ifMatch, "offering", ct, async o => await db.OfferingInUseAsync(o, ct) is { } inUse ? inUse + "." : null);
}

[ValidatableType]
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
