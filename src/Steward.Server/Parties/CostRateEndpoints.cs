using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Parties;

public static class CostRateEndpoints
{
    public const string Resource = "cost-rates";

    static readonly SortField<CostRate>[] Sorts = [new("createdAt", null)];

    public static RouteGroupBuilder MapCostRates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cost-rates").WithTags("Cost rates");
        group.MapGet("/", List).RequireAccess(Access.ReadCosts);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.ReadCosts).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageParties);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageParties).ForResource(Resource);
        return group;
    }

    /// <summary>Lists cost rates of a person or a team (or all visible). Sort: createdAt.</summary>
    static Task<Results<Ok<Page<CostRateView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? personId = null, Guid? teamId = null)
    {
        var query = db.CostRates.AsNoTracking();
        if (personId is not null) query = query.Where(c => c.PersonId == personId);
        if (teamId is not null) query = query.Where(c => c.TeamId == teamId);
        return Keyset.PageAsync(query, page, Sorts, CostRateView.Projection, _ => "", v => v.Id, ct);
    }

    static Task<Results<Ok<CostRateView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<CostRate, CostRateView>(db, id, "cost rate", CostRateView.Of, http, ct);

    static async Task<Results<Created<CostRateView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateCostRate body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if ((body.PersonId is null) == (body.TeamId is null))
            return Problems.Invalid(body.PersonId is null ? "personId" : "teamId", "Give either personId or teamId: a rate belongs to one person or one team.");
        Guid organizationId;
        if (body.PersonId is { } personId)
        {
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return Problems.Invalid("personId", "No person with this id exists in your tenancy.");
            organizationId = person.OrganizationId;
        }
        else
        {
            var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == body.TeamId, ct);
            if (team is null) return Problems.Invalid("teamId", "No team with this id exists in your tenancy.");
            organizationId = team.OrganizationId;
        }
        var validFrom = body.ValidFrom!.Value;
        if (await db.CostRates.AnyAsync(c => c.PersonId == body.PersonId && c.TeamId == body.TeamId && c.ValidFrom == validFrom, ct))
            return Problems.Conflict($"A rate valid from {validFrom:yyyy-MM-dd} already exists; change that one instead.");

        var rate = new CostRate
        {
            PersonId = body.PersonId,
            TeamId = body.TeamId,
            OrganizationId = organizationId,
            HourlyAmount = body.HourlyAmount,
            Currency = body.Currency,
            ValidFrom = validFrom,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.CostRates.Add(rate);
        await CostRateChains.RelinkAsync(db, rate.PersonId, rate.TeamId, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(rate);
        return TypedResults.Created($"/api/v1/cost-rates/{rate.Id}", CostRateView.Of(rate));
    }

    static async Task<Results<Ok<CostRateView>, ProblemHttpResult>> Update(
        Guid id, UpdateCostRate body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var rate = await db.CostRates.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (rate is null) return Problems.NotFound("cost rate");
        if (!db.TryExpect(rate, ifMatch)) return Problems.PreconditionFailed(rate.Version);
        var validFrom = body.ValidFrom!.Value;
        if (validFrom != rate.ValidFrom
            && await db.CostRates.AnyAsync(c => c.PersonId == rate.PersonId && c.TeamId == rate.TeamId && c.ValidFrom == validFrom && c.Id != id, ct))
            return Problems.Conflict($"A rate valid from {validFrom:yyyy-MM-dd} already exists for the same payee.");
        rate.HourlyAmount = body.HourlyAmount;
        rate.Currency = body.Currency;
        rate.ValidFrom = validFrom;
        await CostRateChains.RelinkAsync(db, rate.PersonId, rate.TeamId, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(rate);
        return TypedResults.Ok(CostRateView.Of(rate));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var rate = await db.CostRates.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (rate is null) return Problems.NotFound("cost rate");
        if (!db.TryExpect(rate, ifMatch)) return Problems.PreconditionFailed(rate.Version);
        db.CostRates.Remove(rate);
        await CostRateChains.RelinkAsync(db, rate.PersonId, rate.TeamId, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

public sealed record CreateCostRate(
    [property: Range(typeof(decimal), "0", "1000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] decimal HourlyAmount,
    [property: Required, CurrencyCode] string Currency,
    [property: Required] LocalDate? ValidFrom,
    Guid? PersonId = null,
    Guid? TeamId = null);

public sealed record UpdateCostRate(
    [property: Range(typeof(decimal), "0", "1000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] decimal HourlyAmount,
    [property: Required, CurrencyCode] string Currency,
    [property: Required] LocalDate? ValidFrom);

public sealed record CostRateView(Guid Id, Guid? PersonId, Guid? TeamId, Guid OrganizationId, decimal HourlyAmount, string Currency, LocalDate ValidFrom, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<CostRate, CostRateView>> Projection =
        c => new CostRateView(c.Id, c.PersonId, c.TeamId, c.OrganizationId, c.HourlyAmount, c.Currency, c.ValidFrom, c.CreatedAt, c.Version);

    public static CostRateView Of(CostRate c) => new(c.Id, c.PersonId, c.TeamId, c.OrganizationId, c.HourlyAmount, c.Currency, c.ValidFrom, c.CreatedAt, c.Version);
}
