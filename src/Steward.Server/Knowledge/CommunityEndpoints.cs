using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Server.Api;
using Steward.Server.Identity;

namespace Steward.Server.Knowledge;

/// <summary>
/// /api/v1/communities: the provider's communities of practice, their members and their measures.
/// The provider's managers set communities up; their moderators change them and their members.
/// Customers' people see none.
/// </summary>
public static class CommunityEndpoints
{
    public const string Resource = "communities";
    public const string Path = "/api/v1/communities";

    static readonly SortField<Community>[] Sorts = [new("name", c => c.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapCommunities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Communities of practice");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageCommunities);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageCommunities).ForResource(Resource);
        group.MapGet("/{id:guid}/members", Members).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/members", AddMember).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapDelete("/{id:guid}/members/{personId:guid}", RemoveMember).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapDelete("/{id:guid}/members", RemoveMemberNamed).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapGet("/{id:guid}/measures", Measures).RequireAccess(Access.Read).ForResource(Resource);
        return group;
    }

    /// <summary>Lists communities. Filters: providerId, memberId (a person's communities), framework, processKey. Sort: name (default), createdAt.</summary>
    static async Task<Results<Ok<Page<CommunityView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? providerId = null, Guid? memberId = null, [FromQuery] string? framework = null, [FromQuery] string? processKey = null)
    {
        if (framework is { Length: > 20 }) return Problems.Invalid("framework", $"A framework is one of {string.Join(", ", Frameworks.All)}.");
        if (processKey is { Length: > 100 }) return Problems.Invalid("processKey", "A process key is at most 100 characters.");
        var query = db.Communities.AsNoTracking();
        if (providerId is not null) query = query.Where(c => c.ProviderId == providerId);
        if (memberId is not null) query = query.Where(c => db.CommunityMembers.Any(m => m.CommunityId == c.Id && m.PersonId == memberId));
        if (framework is not null) query = query.Where(c => c.Frameworks.Contains(framework));
        if (processKey is not null) query = query.Where(c => c.ProcessKeys.Contains(processKey));
        return await Keyset.PageAsync(query, page, Sorts,
            c => new CommunityView(c.Id, c.ProviderId, c.Name, c.Purpose, c.Frameworks, c.ProcessKeys, c.SkillIds, c.ReviewQuorum,
                db.CommunityMembers.Count(m => m.CommunityId == c.Id), c.CreatedAt, c.Version),
            c => c.Name, c => c.Id, ct);
    }

    static async Task<Results<Ok<CommunityView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var view = await new KnowledgeReader(db).CommunityAsync(id, ct);
        if (view is null) return Problems.NotFound("community");
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Results<Created<CommunityView>, ProblemHttpResult, ValidationProblem>> Create(
        CommunityBody body, StewardDbContext db, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct)
    {
        var (community, problem) = await new KnowledgeWorkflow(db, clock, identities).CreateCommunityAsync(body, ct);
        if (problem is not null) return Fail<Created<CommunityView>>(problem);
        var view = (await new KnowledgeReader(db).CommunityAsync(community!.Id, ct))!;
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Created($"{Path}/{view.Id}", view);
    }

    static async Task<Results<Ok<CommunityView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, CommunityBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct)
    {
        var (community, problem) = await new KnowledgeWorkflow(db, clock, identities).UpdateCommunityAsync(id, ifMatch.Matches, body, ct);
        if (problem is not null) return Fail<Ok<CommunityView>>(problem);
        var view = (await new KnowledgeReader(db).CommunityAsync(community!.Id, ct))!;
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>A community without articles goes, with its memberships; one with articles stays (409).</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, IdentityCache identities, CancellationToken ct)
    {
        var problem = await new KnowledgeWorkflow(db, clock, identities).DeleteCommunityAsync(id, ifMatch.Matches, ct);
        return problem is null ? TypedResults.NoContent() : problem.AsProblem();
    }

    static async Task<Results<Ok<IReadOnlyList<MemberView>>, ProblemHttpResult>> Members(Guid id, StewardDbContext db, CancellationToken ct) =>
        await new KnowledgeReader(db).MembersAsync(id, ct) is { } members ? TypedResults.Ok(members) : Problems.NotFound("community");

    /// <summary>Adds a member (201), or gives a member another role (200). Customers' people may not be members (409).</summary>
    static async Task<Results<Created<MemberView>, Ok<MemberView>, ProblemHttpResult, ValidationProblem>> AddMember(
        Guid id, MemberBody body, StewardDbContext db, IClock clock, IdentityCache identities, CancellationToken ct)
    {
        var (member, created, problem) = await new KnowledgeWorkflow(db, clock, identities).AddMemberAsync(id, body.PersonId, body.Role, ct);
        if (problem is { Kind: Refusal.Invalid }) return Problems.Invalid(problem.Field!, problem.Detail);
        if (problem is not null) return problem.AsProblem();
        return created ? TypedResults.Created($"{Path}/{id}/members/{member!.PersonId}", member) : TypedResults.Ok(member!);
    }

    /// <summary>Removes a member under If-Match of the membership's version. Anyone may leave; others are removed by moderators and managers.</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        Guid id, Guid personId, IfMatch ifMatch, StewardDbContext db, IClock clock, IdentityCache identities, CancellationToken ct)
    {
        var problem = await new KnowledgeWorkflow(db, clock, identities).RemoveMemberAsync(id, personId, ifMatch.Matches, ct);
        return problem is null ? TypedResults.NoContent() : problem.AsProblem();
    }

    /// <summary>DELETE /api/v1/communities/{id}/members with <c>{personId}</c> (or <c>?personId=</c>), the same as the person's own address.</summary>
    static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveMemberNamed(
        Guid id, [FromBody] MemberRemoval? body, [FromQuery] Guid? personId, StewardDbContext db, IClock clock, IdentityCache identities, HttpContext http, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("community");
        if ((body?.PersonId ?? personId) is not { } person) return Problems.Invalid("personId", "Name the member to remove (personId).");
        // Optional here, unlike on the member's own address: a client removing by name may not have read the membership.
        var expected = string.IsNullOrWhiteSpace(http.Request.Headers.IfMatch.ToString()) ? KnowledgeWorkflow.AnyVersion : IfMatch.Of(http.Request.Headers.IfMatch).Matches;
        var problem = await new KnowledgeWorkflow(db, clock, identities).RemoveMemberAsync(id, person, expected, ct);
        return problem is null ? TypedResults.NoContent() : problem.AsProblem();
    }

    static async Task<Results<Ok<CommunityMeasures>, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Measures(
        Guid id, [AsParameters] MeasuresQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (community is null) return Problems.NotFound("community");
        var (scope, problem) = MeasuresScope.Parse(q, clock.GetCurrentInstant());
        if (problem is not null) return problem;
        var measures = await KnowledgeMeasures.RunAsync(db, community, scope!, clock.GetCurrentInstant(), ct);
        return scope!.Format switch
        {
            Reports.ReportFormat.Json => TypedResults.Ok(measures),
            var format => KnowledgeMeasures.File(measures, scope, format, community.Name),
        };
    }

    static Results<TOk, ProblemHttpResult, ValidationProblem> Fail<TOk>(KnowledgeProblem problem) where TOk : IResult => problem.Answer<TOk>();
}
