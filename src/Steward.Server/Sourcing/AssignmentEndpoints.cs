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

    static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var assignment = await db.SourcingAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null) return Problems.NotFound("sourcing assignment");
        http.SetETag(assignment);
        return TypedResults.Ok(AssignmentView.Of(assignment));
    }

    static async Task<Results<Created<AssignmentView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateAssignment body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == body.ServiceId && db.Organizations.Any(o => o.Id == s.ProviderId))
            .Select(s => new { s.Id, s.ProviderId, s.ProcessKeys }).SingleOrDefaultAsync(ct);
        if (service is null) return Problems.Invalid("serviceId", "No service of a provider in your tenancy has this id.");
        if (body.CustomerId is { } customerId
            && !await db.Subscriptions.IgnoreQueryFilters().AnyAsync(s => s.ServiceId == service.Id && s.CustomerId == customerId, ct))
            return Problems.Invalid("customerId", "This organization does not subscribe to the service; a customer-specific assignment needs a subscription.");

        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        if (catalog.Find(body.ProcessKey) is not { } process)
            return Problems.Invalid("processKey", $"'{Shorten(body.ProcessKey)}' is not a process of the provider's library (GET /api/v1/processes).");
        if (!service.ProcessKeys.Contains(process.Key))
            return Problems.Invalid("processKey", $"'{process.Key}' is not among the service's processes; add it first (PUT /api/v1/services/{service.Id}/processes).");
        if (body.ActivityKey is { } activityKey && !process.Activities.Any(a => a.Key == activityKey))
            return Problems.Invalid("activityKey", $"'{Shorten(activityKey)}' is not an activity of {process.Key} (GET /api/v1/processes/{process.Key} lists them).");

        var (performer, accountableId, problem) = await PartiesAsync(db, service.ProviderId, body.CustomerId, body.PerformerId, body.AccountableId, body.ActivityKey is not null, ct);
        if (problem is not null) return problem;

        var slot = SourcingAssignment.SlotOf(body.CustomerId, process.Key, body.ActivityKey);
        if (await db.SourcingAssignments.IgnoreQueryFilters().AnyAsync(a => a.ServiceId == service.Id && a.Slot == slot, ct))
            return Problems.Conflict(Duplicate(body.CustomerId, body.ActivityKey ?? process.Key));

        var assignment = new SourcingAssignment
        {
            ProviderId = service.ProviderId,
            ServiceId = service.Id,
            CustomerId = body.CustomerId,
            ProcessKey = process.Key,
            ActivityKey = body.ActivityKey,
            PerformerOrganizationId = performer!.OrganizationId,
            PerformerTeamId = performer.TeamId,
            AccountableId = accountableId,
            Note = body.Note,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.SourcingAssignments.Add(assignment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            return Problems.Conflict(Duplicate(body.CustomerId, body.ActivityKey ?? process.Key));
        }
        http.SetETag(assignment);
        return TypedResults.Created($"/api/v1/sourcing/assignments/{assignment.Id}", AssignmentView.Of(assignment));
    }

    /// <summary>Changes who performs (and, at process level, who is accountable); what is assigned stays: delete and create to move it.</summary>
    static async Task<Results<Ok<AssignmentView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateAssignment body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var assignment = await db.SourcingAssignments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null) return Problems.NotFound("sourcing assignment");
        if (!db.TryExpect(assignment, ifMatch)) return Problems.PreconditionFailed(assignment.Version);
        var (performer, accountableId, problem) = await PartiesAsync(db, assignment.ProviderId, assignment.CustomerId, body.PerformerId, body.AccountableId, assignment.IsActivityLevel, ct);
        if (problem is not null) return problem;
        assignment.PerformerOrganizationId = performer!.OrganizationId;
        assignment.PerformerTeamId = performer.TeamId;
        assignment.AccountableId = accountableId;
        assignment.Note = body.Note;
        await db.SaveChangesAsync(ct);
        http.SetETag(assignment);
        return TypedResults.Ok(AssignmentView.Of(assignment));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var assignment = await db.SourcingAssignments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null) return Problems.NotFound("sourcing assignment");
        if (!db.TryExpect(assignment, ifMatch)) return Problems.PreconditionFailed(assignment.Version);
        db.SourcingAssignments.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Resolves the performer (organization or team) and the accountable organization: named, or by
    /// default the performer, or the organization owning the performing team. Activity assignments
    /// name no accountable organization: the process level answers for the whole process. Both
    /// parties must take part in the provider's business (see <see cref="OutsideTheRelationship"/>).
    /// </summary>
    static async Task<(Performer? Performer, Guid? AccountableId, ValidationProblem? Problem)> PartiesAsync(
        StewardDbContext db, Guid providerId, Guid? customerId, Guid performerId, Guid? accountableId, bool activityLevel, CancellationToken ct)
    {
        var performer = await db.PerformerAsync(performerId, ct);
        if (performer is null)
            return (null, null, Problems.Invalid("performerId", "No active organization or team with this id exists in your tenancy."));
        if (await OutsideTheRelationship(db, providerId, customerId, performer.OrganizationId, ct) is { } performerProblem)
            return (null, null, Problems.Invalid("performerId", performerProblem));
        if (activityLevel)
            return accountableId is null ? (performer, null, null)
                : (null, null, Problems.Invalid("accountableId", "An activity assignment names no accountable organization: accountability belongs to the whole process. Set it on the process-level assignment."));
        if (accountableId is not { } accountable) return (performer, performer.OrganizationId, null);
        if (await db.IsTeamAsync(accountable, ct))
            return (null, null, Problems.Invalid("accountableId", "A team cannot be accountable for a process; name the organization that answers for it."));
        if (!await db.Organizations.AnyAsync(o => o.Id == accountable && o.ArchivedAt == null, ct))
            return (null, null, Problems.Invalid("accountableId", "No active organization with this id exists in your tenancy."));
        if (await OutsideTheRelationship(db, providerId, customerId, accountable, ct) is { } accountableProblem)
            return (null, null, Problems.Invalid("accountableId", accountableProblem));
        return (performer, accountable, null);
    }

    /// <summary>
    /// Why an organization cannot take part in an assignment of the provider's service; null when it may.
    /// It must be the provider or one of its partners. A customer organization does only its own work:
    /// it may appear in an assignment made for that customer, never in a service-wide one (which every
    /// other customer's profile reads) nor in another customer's.
    /// </summary>
    static async Task<string?> OutsideTheRelationship(StewardDbContext db, Guid providerId, Guid? customerId, Guid organizationId, CancellationToken ct)
    {
        if (organizationId == providerId || organizationId == customerId) return null;
        var partner = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Id == organizationId && db.PartnerRelationships.IgnoreQueryFilters().Any(r => r.ProviderId == providerId && r.PartnerId == o.Id))
            .Select(o => new { o.Kind }).SingleOrDefaultAsync(ct);
        if (partner is null)
            return "The organization (or the team's organization) must be the provider or one of its partners (POST /api/v1/organizations/{providerId}/partners).";
        if (partner.Kind is OrganizationKind.Customer)
            return customerId is null
                ? "A customer does only its own work: name it in an assignment for that customer (customerId), not in a service-wide one that every customer's profile reads."
                : "A customer does only its own work: another customer cannot perform or answer for work in this customer's assignment.";
        return null;
    }

    static string Duplicate(Guid? customerId, string what) => customerId is null
        ? $"The service already has a service-wide assignment for {what}; change it (PUT) instead."
        : $"The service already has an assignment for {what} for this customer; change it (PUT) instead.";

    static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
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
