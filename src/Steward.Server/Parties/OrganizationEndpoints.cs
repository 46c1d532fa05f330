using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Api;
using Steward.Server.Identity;

namespace Steward.Server.Parties;

public static class OrganizationEndpoints
{
    public const string Resource = "organizations";

    static readonly SortField<Organization>[] Sorts =
    [
        new("name", o => o.Name),
        new("createdAt", null),
    ];

    public static RouteGroupBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations").WithTags("Organizations");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource).WithName("GetOrganization");
        group.MapPost("/", Create).RequireAccess(Access.ManageParties);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/archive", Archive).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/restore", Restore).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapGet("/{id:guid}/partners", Partners).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/partners", AddPartner).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}/partners/{partnerId:guid}", RemovePartner).RequireAccess(Access.ManageParties).ForResource(Resource);
        return group;
    }

    /// <summary>Lists organizations. Sort: name (default), createdAt.</summary>
    static Task<Results<Ok<Page<OrganizationView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        OrganizationKind? kind = null, [StringLength(200)] string? q = null, Guid? partnerOf = null, bool includeArchived = false)
    {
        var query = db.Organizations.AsNoTracking();
        if (!includeArchived) query = query.Where(o => o.ArchivedAt == null);
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(o => o.Name.ToLower().Contains(needle));
        }
        if (partnerOf is not null)
            query = query.Where(o => db.PartnerRelationships.Any(r => r.ProviderId == partnerOf && r.PartnerId == o.Id));
        return Keyset.PageAsync(query, page, Sorts, OrganizationView.Projection, v => v.Name, v => v.Id, ct);
    }

    static Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Organization, OrganizationView>(db, id, "organization", OrganizationView.Of, http, ct);

    static async Task<Results<Created<OrganizationView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateOrganization body, StewardDbContext db, Actor actor, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct)
    {
        var kind = body.Kind!.Value;
        var providerId = body.ProviderId;
        if (!actor.SeesAll)
        {
            if (kind is OrganizationKind.Provider)
                return Problems.Forbidden("Only an administrator can add a provider organization.");
            // A provider manager's new organization is served (or engaged) by their own provider,
            // otherwise it would vanish from their view the moment it was created.
            providerId ??= actor.OrganizationId;
        }

        // No query for a duplicate name first: the unique index on (kind, name key) decides, in the
        // same statement that inserts, which also settles two concurrent creates of one name.
        var name = body.Name.Trim();
        var organization = new Organization
        {
            Name = name,
            Kind = kind,
            Description = body.Description,
            Website = body.Website,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Organizations.Add(organization);

        if (providerId is { } pid)
        {
            var provider = await db.Organizations.SingleOrDefaultAsync(o => o.Id == pid, ct);
            if (provider is null) return Problems.Invalid("providerId", "No provider organization with this id exists in your tenancy.");
            if (PartnerRelationship.Check(provider, organization) is { } broken)
                return Problems.Invalid(broken.Field ?? "providerId", broken.Detail);
            db.PartnerRelationships.Add(new PartnerRelationship { ProviderId = pid, PartnerId = organization.Id, CreatedAt = organization.CreatedAt });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            return Problems.Conflict($"An organization of kind {kind} named '{name}' already exists.");
        }
        if (providerId is not null) identities.InvalidateScopes();
        http.SetETag(organization);
        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", OrganizationView.Of(organization));
    }

    static async Task<Results<Ok<OrganizationView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateOrganization body, IfMatch ifMatch, StewardDbContext db, Actor actor, HttpContext http, CancellationToken ct)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null) return Problems.NotFound("organization");
        if (!db.TryExpect(organization, ifMatch)) return Problems.PreconditionFailed(organization.Version);

        var kind = body.Kind!.Value;
        if (kind != organization.Kind)
        {
            if (!actor.SeesAll && (kind is OrganizationKind.Provider || organization.Kind is OrganizationKind.Provider))
                return Problems.Forbidden("Only an administrator can make an organization a provider or change a provider's kind.");
            if (await db.PartnerRelationships.AnyAsync(r => r.ProviderId == id || r.PartnerId == id, ct))
                return Problems.Conflict("The organization takes part in provider relationships; remove them before changing its kind.");
        }
        var name = body.Name.Trim();
        if (await db.OrganizationNameTakenAsync(kind, name, id, ct))
            return Problems.Conflict($"An organization of kind {kind} named '{name}' already exists.");

        organization.Name = name;
        organization.Kind = kind;
        organization.Description = body.Description;
        organization.Website = body.Website;
        await db.SaveChangesAsync(ct);
        http.SetETag(organization);
        return TypedResults.Ok(OrganizationView.Of(organization));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null) return Problems.NotFound("organization");
        if (!db.TryExpect(organization, ifMatch)) return Problems.PreconditionFailed(organization.Version);

        if (await db.OrganizationInUseAsync(organization, ct) is { } inUse)
            return Problems.Conflict($"{inUse} (POST /api/v1/organizations/{id}/archive).");

        db.Organizations.Remove(organization);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Archive(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        SetArchived(id, ifMatch, db, http, true, clock, ct);

    static Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Restore(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        SetArchived(id, ifMatch, db, http, false, clock, ct);

    static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> SetArchived(Guid id, IfMatch ifMatch, StewardDbContext db, HttpContext http, bool archive, IClock clock, CancellationToken ct)
    {
        var (organization, problem) = await Archiving.SetArchivedAsync<Organization>(db, id, ifMatch, archive, clock.GetCurrentInstant(), "organization", ct);
        if (problem is not null) return problem;
        http.SetETag(organization!);
        return TypedResults.Ok(OrganizationView.Of(organization!));
    }

    static async Task<Results<Ok<IReadOnlyList<PartnerView>>, ProblemHttpResult>> Partners(Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("organization");
        var links = await db.PartnerRelationships.AsNoTracking()
            .Where(r => r.ProviderId == id || r.PartnerId == id)
            .Select(r => new { r.ProviderId, r.PartnerId, r.CreatedAt })
            .ToListAsync(ct);
        var otherIds = links.Select(r => r.ProviderId == id ? r.PartnerId : r.ProviderId).ToList();
        // The other side may be outside the caller's tenancy (a customer sees its provider's link
        // but not the provider): such links are left out.
        var others = await db.Organizations.AsNoTracking().Where(o => otherIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.Kind }).ToDictionaryAsync(o => o.Id, ct);
        var partners = links
            .Select(r => (Link: r, Other: others.GetValueOrDefault(r.ProviderId == id ? r.PartnerId : r.ProviderId)))
            .Where(x => x.Other is not null)
            .Select(x => new PartnerView(x.Link.ProviderId, x.Link.PartnerId, x.Other!.Id, x.Other.Name, x.Other.Kind, x.Link.CreatedAt))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<PartnerView>>(partners);
    }

    static async Task<Results<Created<PartnerView>, ProblemHttpResult, ValidationProblem>> AddPartner(
        Guid id, AddPartner body, StewardDbContext db, IClock clock, IdentityCache identities, CancellationToken ct)
    {
        var provider = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (provider is null) return Problems.NotFound("organization");
        var partner = await db.Organizations.SingleOrDefaultAsync(o => o.Id == body.OrganizationId, ct);
        if (partner is null) return Problems.Invalid("organizationId", "No organization with this id exists in your tenancy.");
        if (PartnerRelationship.Check(provider, partner) is { } broken)
            return Problems.Invalid(broken.Field == "partnerId" ? "organizationId" : "id", broken.Detail);
        if (await db.PartnerLinkedAsync(id, partner.Id, ct))
            return Problems.Conflict($"'{provider.Name}' already works with '{partner.Name}'.");

        var link = new PartnerRelationship { ProviderId = id, PartnerId = partner.Id, CreatedAt = clock.GetCurrentInstant() };
        db.PartnerRelationships.Add(link);
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return TypedResults.Created($"/api/v1/organizations/{id}/partners",
            new PartnerView(id, partner.Id, partner.Id, partner.Name, partner.Kind, link.CreatedAt));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RemovePartner(
        Guid id, Guid partnerId, IfMatch ifMatch, StewardDbContext db, IdentityCache identities, CancellationToken ct)
    {
        _ = ifMatch; // a relationship has no versions: any If-Match (usually *) is accepted, but one is required like every delete
        var link = await db.PartnerRelationships.SingleOrDefaultAsync(r => r.ProviderId == id && r.PartnerId == partnerId, ct);
        if (link is null) return Problems.NotFound("provider relationship");
        db.PartnerRelationships.Remove(link);
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return TypedResults.NoContent();
    }
}

public sealed record CreateOrganization(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] OrganizationKind? Kind,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: StringLength(PartyLimits.Name), Url] string? Website = null,
    Guid? ProviderId = null);

public sealed record UpdateOrganization(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] OrganizationKind? Kind,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: StringLength(PartyLimits.Name), Url] string? Website = null);

public sealed record AddPartner([property: Required] Guid OrganizationId);

public sealed record OrganizationView(Guid Id, string Name, OrganizationKind Kind, string? Description, string? Website, Instant CreatedAt, Instant? ArchivedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Organization, OrganizationView>> Projection =
        o => new OrganizationView(o.Id, o.Name, o.Kind, o.Description, o.Website, o.CreatedAt, o.ArchivedAt, o.Version);

    public static OrganizationView Of(Organization o) => new(o.Id, o.Name, o.Kind, o.Description, o.Website, o.CreatedAt, o.ArchivedAt, o.Version);
}

/// <summary>A provider relationship seen from one side: <c>organizationId</c> is the other party.</summary>
public sealed record PartnerView(Guid ProviderId, Guid PartnerId, Guid OrganizationId, string Name, OrganizationKind Kind, Instant Since);
