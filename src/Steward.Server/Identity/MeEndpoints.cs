using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Identity;

/// <summary>The signed-in person and their personal access tokens.</summary>
public static class MeEndpoints
{
    public const string TokenResource = "tokens";

    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me");
        group.MapGet("/", Me).RequireAccess(Access.Read);
        group.MapGet("/tokens", ListTokens).RequireAccess(Access.Read);
        group.MapGet("/tokens/{id:guid}", GetToken).RequireAccess(Access.Read).ForResource(TokenResource);
        group.MapPost("/tokens", CreateToken).RequireAccess(Access.Read);
        group.MapDelete("/tokens/{id:guid}", RevokeToken).RequireAccess(Access.Read).ForResource(TokenResource);
        return group;
    }

    static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(Actor actor, StewardDbContext db, CancellationToken ct)
    {
        var me = await db.People.AsNoTracking()
            .Where(p => p.Id == actor.PersonId)
            .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o })
            .Select(x => new MeView(x.p.Id, x.p.Name, x.p.Email, x.o.Id, x.o.Name, x.o.Kind, x.p.TimeZone, x.p.Locale, Array.Empty<string>()))
            .SingleOrDefaultAsync(ct);
        if (me is null) return Problems.NotFound("person");
        return TypedResults.Ok(me with { Roles = actor.Roles.Order().ToArray() });
    }

    static async Task<Ok<IReadOnlyList<TokenView>>> ListTokens(Actor actor, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var tokens = await db.AccessTokens.AsNoTracking()
            .Where(t => t.PersonId == actor.PersonId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(TokenView.Projection)
            .ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TokenView>>(tokens);
    }

    static async Task<Results<Ok<TokenView>, ProblemHttpResult>> GetToken(Guid id, Actor actor, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var token = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.PersonId == actor.PersonId, ct);
        if (token is null) return Problems.NotFound("token of yours");
        http.SetETag(token);
        return TypedResults.Ok(TokenView.Of(token));
    }

    static async Task<Results<Created<CreatedTokenView>, ValidationProblem, ProblemHttpResult>> CreateToken(
        CreateToken body, Actor actor, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (actor.PersonId is not { } personId || actor.OrganizationId is not { } orgId)
            return Problems.Forbidden("Only a person can hold tokens.");
        var (token, secret, refused) = AccessToken.Issue(personId, orgId, body.Name, clock.GetCurrentInstant(), body.ExpiresAt);
        if (refused is not null) return Problems.Invalid(refused.Field ?? "expiresAt", refused.Detail);
        db.AccessTokens.Add(token!);
        await db.SaveChangesAsync(ct);
        http.SetETag(token!);
        var view = TokenView.Of(token!);
        return TypedResults.Created($"/api/v1/me/tokens/{view.Id}",
            new CreatedTokenView(view.Id, view.Name, view.Hint, view.CreatedAt, view.ExpiresAt, secret!));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, IfMatch ifMatch, Actor actor, StewardDbContext db, IClock clock, IdentityCache identities, CancellationToken ct)
    {
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.PersonId == actor.PersonId, ct);
        if (token is null) return Problems.NotFound("token of yours");
        if (!db.TryExpect(token, ifMatch)) return Problems.PreconditionFailed(token.Version);
        if (token.Revoke(clock.GetCurrentInstant()) is { } broken) return Problems.Conflict(broken);
        await db.SaveChangesAsync(ct);
        identities.InvalidateTokens();
        return TypedResults.NoContent();
    }
}

public sealed record CreateToken(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    Instant? ExpiresAt = null);

public sealed record TokenView(Guid Id, string Name, string Hint, Instant CreatedAt, Instant? ExpiresAt, Instant? RevokedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<AccessToken, TokenView>> Projection =
        t => new TokenView(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt);

    public static TokenView Of(AccessToken t) => new(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}

/// <summary>The one response that carries the secret: it is not stored and cannot be shown again.</summary>
public sealed record CreatedTokenView(Guid Id, string Name, string Hint, Instant CreatedAt, Instant? ExpiresAt, string Token);

public sealed record MeView(Guid Id, string Name, string Email, Guid OrganizationId, string OrganizationName, OrganizationKind OrganizationKind, string TimeZone, string Locale, IReadOnlyList<string> Roles);
