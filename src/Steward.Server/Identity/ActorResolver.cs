using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Persistence;

namespace Steward.Server.Identity;

/// <summary>What a signed-in person may see and do, resolved once and cached.</summary>
public sealed record ActorScope(Guid PersonId, Guid OrganizationId, IReadOnlySet<string> Roles, IReadOnlyCollection<Guid> VisibleOrganizationIds,
    IReadOnlyCollection<Guid> CommunityIds);

/// <summary>A bearer token that is valid now.</summary>
public sealed record ResolvedToken(Guid TokenId, Guid PersonId, Instant? ExpiresAt);

/// <remarks>
/// Every request passes through here, and nearly every one is answered from the cache, so a
/// database context is leased only on a miss.
/// </remarks>
public sealed class ActorResolver(IDbContextFactory<StewardDbContext> contexts, IdentityCache cache, IClock clock, WriteGate writeGate)
{
    public const string TokenIdClaim = "steward:token";

    /// <summary>Fills <paramref name="actor"/> from a principal of either scheme; false when the person no longer may act.</summary>
    public async Task<bool> ResolveAsync(ClaimsPrincipal principal, Actor actor, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var personId)) return false;
        Guid? tokenId = Guid.TryParse(principal.FindFirstValue(TokenIdClaim), out var t) ? t : null;
        var scope = await ScopeOfAsync(personId, ct);
        if (scope is null) return false;
        actor.BecomePerson(scope.PersonId, tokenId, scope.OrganizationId, scope.Roles, scope.VisibleOrganizationIds, scope.CommunityIds);
        return true;
    }

    public Task<ActorScope?> ScopeOfAsync(Guid personId, CancellationToken ct) =>
        cache.GetOrAddAsync(IdentityCache.Kind.Scope, personId.ToString(), async () =>
        {
            await using var db = Open();
            var person = await db.People.IgnoreQueryFilters()
                .Where(p => p.Id == personId && p.ArchivedAt == null)
                .Select(p => new { p.Id, p.OrganizationId, Kind = db.Organizations.IgnoreQueryFilters().Where(o => o.Id == p.OrganizationId).Select(o => o.Kind).Single() })
                .SingleOrDefaultAsync(ct);
            if (person is null) return null;

            var roles = await db.UserRoles.Where(ur => ur.UserId == personId)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .ToListAsync(ct);

            var visible = new HashSet<Guid> { person.OrganizationId };
            if (person.Kind is OrganizationKind.Provider)
                visible.UnionWith(await db.PartnerRelationships.IgnoreQueryFilters()
                    .Where(r => r.ProviderId == person.OrganizationId)
                    .Select(r => r.PartnerId)
                    .ToListAsync(ct));
            var communities = await db.CommunityMembers.IgnoreQueryFilters().Where(m => m.PersonId == personId).Select(m => m.CommunityId).ToArrayAsync(ct);
            return new ActorScope(person.Id, person.OrganizationId, roles.ToHashSet(StringComparer.Ordinal), visible.ToArray(), communities);
        });

    public Task<ResolvedToken?> TokenAsync(string secret, CancellationToken ct)
    {
        if (secret.Length is 0 or > 512)
            return Task.FromResult<ResolvedToken?>(null);
        var hash = AccessToken.HashOf(secret);
        return cache.GetOrAddAsync(IdentityCache.Kind.Token, Convert.ToBase64String(hash), async () =>
        {
            var now = clock.GetCurrentInstant();
            await using var db = Open();
            var token = await db.AccessTokens.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.Hash == hash)
                .Select(t => new { t.Id, t.PersonId, t.ExpiresAt, t.RevokedAt })
                .SingleOrDefaultAsync(ct);
            if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } e && e <= now)) return null;
            return new ResolvedToken(token.Id, token.PersonId, token.ExpiresAt);
        }, t => t.ExpiresAt?.ToDateTimeOffset());
    }

    // Identity lookups read across tenants by design (they decide the tenancy); they never write.
    StewardDbContext Open() => contexts.CreateDbContext().For(Actor.System(), clock, writeGate);
}
