using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Parties;

/// <summary>The skills catalogue, shared by every tenant: what a skill means should not differ per customer.</summary>
public static class SkillEndpoints
{
    public const string Resource = "skills";

    static readonly SortField<Skill>[] Sorts = [new("name", s => s.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapSkills(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/skills").WithTags("Skills");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageParties);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/archive", Archive).RequireAccess(Access.ManageParties).ForResource(Resource);
        group.MapPost("/{id:guid}/restore", Restore).RequireAccess(Access.ManageParties).ForResource(Resource);
        return group;
    }

    /// <summary>Lists skills. Sort: name (default), createdAt.</summary>
    static Task<Results<Ok<Page<SkillView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        [StringLength(100)] string? category = null, [StringLength(200)] string? q = null, bool includeArchived = false)
    {
        var query = db.Skills.AsNoTracking();
        if (!includeArchived) query = query.Where(s => s.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(s => s.Category == category);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(s => s.Name.ToLower().Contains(needle));
        }
        return Keyset.PageAsync(query, page, Sorts, SkillView.Projection, v => v.Name, v => v.Id, ct);
    }

    static Task<Results<Ok<SkillView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Skill, SkillView>(db, id, "skill", SkillView.Of, http, ct);

    static async Task<Results<Created<SkillView>, ProblemHttpResult>> Create(SkillBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var name = body.Name.Trim();
        if (await db.SkillNameTakenAsync(name, null, ct)) return Problems.Conflict($"The catalogue already has a skill named '{name}'.");
        var skill = new Skill { Name = name, Category = body.Category, Description = body.Description, CreatedAt = clock.GetCurrentInstant() };
        db.Skills.Add(skill);
        await db.SaveChangesAsync(ct);
        http.SetETag(skill);
        return TypedResults.Created($"/api/v1/skills/{skill.Id}", SkillView.Of(skill));
    }

    static async Task<Results<Ok<SkillView>, ProblemHttpResult>> Update(Guid id, SkillBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (skill is null) return Problems.NotFound("skill");
        if (!db.TryExpect(skill, ifMatch)) return Problems.PreconditionFailed(skill.Version);
        var name = body.Name.Trim();
        if (await db.SkillNameTakenAsync(name, id, ct)) return Problems.Conflict($"The catalogue already has a skill named '{name}'.");
        skill.Name = name;
        skill.Category = body.Category;
        skill.Description = body.Description;
        await db.SaveChangesAsync(ct);
        http.SetETag(skill);
        return TypedResults.Ok(SkillView.Of(skill));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (skill is null) return Problems.NotFound("skill");
        if (!db.TryExpect(skill, ifMatch)) return Problems.PreconditionFailed(skill.Version);
        if (await db.SkillInUseAsync(skill, ct) is { } inUse)
            return Problems.Conflict($"{inUse} (POST /api/v1/skills/{id}/archive).");
        db.Skills.Remove(skill);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static Task<Results<Ok<SkillView>, ProblemHttpResult>> Archive(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Transition(id, ifMatch, db, http, true, clock, ct);

    static Task<Results<Ok<SkillView>, ProblemHttpResult>> Restore(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Transition(id, ifMatch, db, http, false, clock, ct);

    static async Task<Results<Ok<SkillView>, ProblemHttpResult>> Transition(Guid id, IfMatch ifMatch, StewardDbContext db, HttpContext http, bool archive, IClock clock, CancellationToken ct)
    {
        var (entity, problem) = await Archiving.SetArchivedAsync<Skill>(db, id, ifMatch, archive, clock.GetCurrentInstant(), "skill", ct);
        if (problem is not null) return problem;
        http.SetETag(entity!);
        return TypedResults.Ok(SkillView.Of(entity!));
    }
}

public sealed record SkillBody(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: StringLength(PartyLimits.Label), SingleLine] string? Category = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null);

public sealed record SkillView(Guid Id, string Name, string? Category, string? Description, Instant CreatedAt, Instant? ArchivedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Skill, SkillView>> Projection =
        s => new SkillView(s.Id, s.Name, s.Category, s.Description, s.CreatedAt, s.ArchivedAt, s.Version);

    public static SkillView Of(Skill s) => new(s.Id, s.Name, s.Category, s.Description, s.CreatedAt, s.ArchivedAt, s.Version);
}
