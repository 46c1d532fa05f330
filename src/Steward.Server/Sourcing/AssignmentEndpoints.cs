using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Portfolio;

namespace Steward.Server.Sourcing;

public static class AssignmentEndpoints
{
    public const string Resource = "sourcing-assignments";

    static readonly SortField<SourcingAssignment>[] Sorts = [new("createdAt", null), new("processKey", a => a.ProcessKey)];

    public static RouteGroupBuilder MapSourcingAssignments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sourcing/assignments").WithTags("Sourcing");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageSourcing);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageSourcing).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageSourcing).ForResource(Resource);
        return group;
    }

    /// <summary>
    /// Lists assignments. Sort: createdAt (default), processKey. customerId lists that customer's own
    /// assignments; serviceWide=true lists only those for every customer.
    /// </summary>
    static Task<Results<Ok<Page<AssignmentView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? providerId = null, Guid? serviceId = null, Guid? customerId = null, bool? serviceWide = null,
        [StringLength(PortfolioLimits.ProcessKey)] string? processKey = null, Guid? performerId = null)
    {
        var query = db.SourcingAssignments.AsNoTracking();
        if (providerId is not null) query = query.Where(a => a.ProviderId == providerId);
        if (serviceId is not null) query = query.Where(a => a.ServiceId == serviceId);
        if (customerId is not null) query = query.Where(a => a.CustomerId == customerId);
        if (serviceWide is true) query = query.Where(a => a.CustomerId == null);
        if (processKey is not null) query = query.Where(a => a.ProcessKey == processKey);
        if (performerId is not null) query = query.Where(a => a.PerformerOrganizationId == performerId || a.PerformerTeamId == performerId);
        return Keyset.PageAsync(query, page, Sorts, AssignmentView.Projection, v => v.ProcessKey, v => v.Id, ct);
    }

    static Task<Results<Ok<AssignmentView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<SourcingAssignment, AssignmentView>(db, id, "sourcing assignment", AssignmentView.Of, http, ct);

    static async Task<Results<Created<AssignmentView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateAssignment body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var request = new AssignmentRequest(body.ServiceId, body.CustomerId, body.ProcessKey, body.ActivityKey, body.PerformerId, body.AccountableId, body.Note);
        var (assignment, broken) = await AssignmentRules.PrepareAsync(db, request, clock.GetCurrentInstant(), ct);
        if (broken is not null) return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        db.SourcingAssignments.Add(assignment!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            return Problems.Conflict(AssignmentRules.Duplicate(body.CustomerId, body.ActivityKey ?? body.ProcessKey));
        }
        http.SetETag(assignment!);
        return TypedResults.Created($"/api/v1/sourcing/assignments/{assignment!.Id}", AssignmentView.Of(assignment));
    }

    /// <summary>Changes who performs (and, at process level, who is accountable); what is assigned stays: delete and create to move it.</summary>
    static Task<Results<Ok<AssignmentView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateAssignment body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<SourcingAssignment, AssignmentView>(db, id, ifMatch, "sourcing assignment",
            assignment => AssignmentRules.ChangeAsync(db, assignment, body.PerformerId, body.AccountableId, body.Note, ct), AssignmentView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<SourcingAssignment>(db, id, ifMatch, "sourcing assignment", ct);
}

public sealed record CreateAssignment(
    [property: Required] Guid ServiceId,
    Guid? CustomerId,
    [property: Required, StringLength(PortfolioLimits.ProcessKey), SingleLine] string ProcessKey,
    [property: StringLength(PortfolioLimits.ActivityKey), SingleLine] string? ActivityKey,
    [property: Required] Guid PerformerId,
    Guid? AccountableId = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Note = null);

public sealed record UpdateAssignment(
    [property: Required] Guid PerformerId,
    Guid? AccountableId = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Note = null);

public sealed record AssignmentView(Guid Id, Guid ProviderId, Guid ServiceId, Guid? CustomerId, string ProcessKey, string? ActivityKey,
    Guid PerformerId, string PerformerType, Guid PerformerOrganizationId, Guid? AccountableId, string? Note, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<SourcingAssignment, AssignmentView>> Projection = a => new AssignmentView(
        a.Id, a.ProviderId, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey, a.PerformerTeamId ?? a.PerformerOrganizationId,
        a.PerformerTeamId == null ? "Organization" : "Team", a.PerformerOrganizationId, a.AccountableId, a.Note, a.CreatedAt, a.Version);

    public static AssignmentView Of(SourcingAssignment a) => new(a.Id, a.ProviderId, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey,
        a.PerformerId, a.PerformerTeamId is null ? "Organization" : "Team", a.PerformerOrganizationId, a.AccountableId, a.Note, a.CreatedAt, a.Version);
}
