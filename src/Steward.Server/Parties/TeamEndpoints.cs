using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Parties;

public static class TeamEndpoints
{
    public const string Resource = "teams";

    static readonly SortField<Team>[] Sorts = [new("name", t => t.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/teams").WithTags("Teams");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageParties);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/archive", Archive).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/restore", Restore).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapGet("/{id:guid}/members", Members).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/members", AddMember).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}/members/{personId:guid}", RemoveMember).RequireAccess(Access.ManageParties).ForResource(Resource);
        return group;
    }

    /// <summary>Lists teams. Sort: name (default), createdAt.</summary>
    static Task<Results<Ok<Page<TeamView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? organizationId = null, Guid? memberId = null, [StringLength(200)] string? q = null, bool includeArchived = false)
    {
        var query = db.Teams.AsNoTracking();
        if (!includeArchived) query = query.Where(t => t.ArchivedAt == null);
        if (organizationId is not null) query = query.Where(t => t.OrganizationId == organizationId);
        if (memberId is not null) query = query.Where(t => db.TeamMembers.Any(m => m.TeamId == t.Id && m.PersonId == memberId));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(t => t.Name.ToLower().Contains(needle));
        }
        return Keyset.PageAsync(query, page, Sorts, TeamView.Projection, v => v.Name, v => v.Id, ct);
    }

    static Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Team, TeamView>(db, id, "team", TeamView.Of, http, ct);

    static async Task<Results<Created<TeamView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateTeam body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == body.OrganizationId && o.ArchivedAt == null, ct))
            return Problems.Invalid("organizationId", "No active organization with this id exists in your tenancy.");
        var name = body.Name.Trim();
        if (await db.TeamNameTakenAsync(body.OrganizationId, name, null, ct))
            return Problems.Conflict($"The organization already has a team named '{name}'.");
        var team = new Team { OrganizationId = body.OrganizationId, Name = name, Description = body.Description, Email = body.Email, CreatedAt = clock.GetCurrentInstant() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        http.SetETag(team);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", TeamView.Of(team));
    }

    static async Task<Results<Ok<TeamView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateTeam body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Problems.NotFound("team");
        if (!db.TryExpect(team, ifMatch)) return Problems.PreconditionFailed(team.Version);
        var name = body.Name.Trim();
        if (await db.TeamNameTakenAsync(team.OrganizationId, name, id, ct))
            return Problems.Conflict($"The organization already has a team named '{name}'.");
        team.Name = name;
        team.Description = body.Description;
        team.Email = body.Email;
        await db.SaveChangesAsync(ct);
        http.SetETag(team);
        return TypedResults.Ok(TeamView.Of(team));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Problems.NotFound("team");
        if (!db.TryExpect(team, ifMatch)) return Problems.PreconditionFailed(team.Version);
        if (await db.TeamInUseAsync(team, ct) is { } inUse)
            return Problems.Conflict($"{inUse} (POST /api/v1/teams/{id}/archive).");
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static Task<Results<Ok<TeamView>, ProblemHttpResult>> Archive(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Transition(id, ifMatch, db, http, true, clock, ct);

    static Task<Results<Ok<TeamView>, ProblemHttpResult>> Restore(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Transition(id, ifMatch, db, http, false, clock, ct);

    static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Transition(Guid id, IfMatch ifMatch, StewardDbContext db, HttpContext http, bool archive, IClock clock, CancellationToken ct)
    {
        var (entity, problem) = await Archiving.SetArchivedAsync<Team>(db, id, ifMatch, archive, clock.GetCurrentInstant(), "team", ct);
        if (problem is not null) return problem;
        http.SetETag(entity!);
        return TypedResults.Ok(TeamView.Of(entity!));
    }

    static async Task<Results<Ok<IReadOnlyList<TeamMemberView>>, ProblemHttpResult>> Members(Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == id, ct)) return Problems.NotFound("team");
        // Members from organizations the caller cannot see are still listed by the team's owner:
        // the membership row is the team's; the person's details come through the filtered People set.
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m, p })
            .OrderByDescending(x => x.m.IsLead).ThenBy(x => x.p.Name)
            .Select(x => new TeamMemberView(x.p.Id, x.p.Name, x.p.Email, x.p.OrganizationId, x.m.IsLead, x.m.JoinedAt, x.m.Version))
            .ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TeamMemberView>>(members);
    }

    static async Task<Results<Created<TeamMemberView>, ProblemHttpResult, ValidationProblem>> AddMember(
        Guid id, AddTeamMember body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Problems.NotFound("team");
        var person = await db.ActivePersonAsync(body.PersonId, ct);
        if (person is null) return Problems.Invalid("personId", "No active person with this id exists in your tenancy.");
        if (await db.IsMemberAsync(id, person.Id, ct))
            return Problems.Conflict($"{person.Name} is already a member of '{team.Name}'.");
        var member = new TeamMember { TeamId = id, PersonId = person.Id, OrganizationId = team.OrganizationId, IsLead = body.IsLead, JoinedAt = clock.GetCurrentInstant() };
        db.TeamMembers.Add(member);
        await db.SaveChangesAsync(ct);
        http.SetETag(member);
        return TypedResults.Created($"/api/v1/teams/{id}/members",
            new TeamMemberView(person.Id, person.Name, person.Email, person.OrganizationId, member.IsLead, member.JoinedAt, member.Version));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(Guid id, Guid personId, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var member = await db.TeamMembers.SingleOrDefaultAsync(m => m.TeamId == id && m.PersonId == personId, ct);
        if (member is null) return Problems.NotFound("member of this team");
        if (!db.TryExpect(member, ifMatch)) return Problems.PreconditionFailed(member.Version);
        db.TeamMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

public sealed record CreateTeam(
    [property: Required] Guid OrganizationId,
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: StringLength(PartyLimits.Email), EmailAddress] string? Email = null);

public sealed record UpdateTeam(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: StringLength(PartyLimits.Email), EmailAddress] string? Email = null);

public sealed record AddTeamMember([property: Required] Guid PersonId, bool IsLead = false);

public sealed record TeamView(Guid Id, Guid OrganizationId, string Name, string? Description, string? Email, Instant CreatedAt, Instant? ArchivedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Team, TeamView>> Projection =
        t => new TeamView(t.Id, t.OrganizationId, t.Name, t.Description, t.Email, t.CreatedAt, t.ArchivedAt, t.Version);

    public static TeamView Of(Team t) => new(t.Id, t.OrganizationId, t.Name, t.Description, t.Email, t.CreatedAt, t.ArchivedAt, t.Version);
}

public sealed record TeamMemberView(Guid PersonId, string Name, string Email, Guid OrganizationId, bool IsLead, Instant JoinedAt, long Version);
