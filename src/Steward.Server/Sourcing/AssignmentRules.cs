using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Sourcing;
using Steward.Server.Portfolio;

namespace Steward.Server.Sourcing;

/// <summary>What to assign: a whole process or one activity of a service, for every customer or for one.</summary>
public sealed record AssignmentRequest(Guid ServiceId, Guid? CustomerId, string ProcessKey, string? ActivityKey, Guid PerformerId,
    Guid? AccountableId, string? Note);

/// <summary>
/// The rules of sourcing assignments, shared by the API and the matrix page so that both refuse the
/// same things with the same words. A broken rule with a field is bad input (400 naming it); one
/// without is a conflict with what is already recorded (409).
/// </summary>
public static class AssignmentRules
{
    /// <summary>A new assignment for <paramref name="request"/>, checked and ready to add, or the rule it breaks.</summary>
    public static async Task<(SourcingAssignment? Assignment, RuleViolation? Broken)> PrepareAsync(
        StewardDbContext db, AssignmentRequest request, Instant now, CancellationToken ct = default)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == request.ServiceId && db.Organizations.Any(o => o.Id == s.ProviderId))
            .Select(s => new { s.Id, s.ProviderId, s.ProcessKeys }).SingleOrDefaultAsync(ct);
        if (service is null) return (null, new("No service of a provider in your tenancy has this id.", "serviceId"));
        if (request.CustomerId is { } customerId
            && !await db.Subscriptions.IgnoreQueryFilters().AnyAsync(s => s.ServiceId == service.Id && s.CustomerId == customerId, ct))
            return (null, new("This organization does not subscribe to the service; a customer-specific assignment needs a subscription.", "customerId"));

        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        if (catalog.Find(request.ProcessKey) is not { } process)
            return (null, new($"'{Shorten(request.ProcessKey)}' is not a process of the provider's library (GET /api/v1/processes).", "processKey"));
        if (!service.ProcessKeys.Contains(process.Key))
            return (null, new($"'{process.Key}' is not among the service's processes; add it first (PUT /api/v1/services/{service.Id}/processes).", "processKey"));
        if (request.ActivityKey is { } activityKey && !process.Activities.Any(a => a.Key == activityKey))
            return (null, new($"'{Shorten(activityKey)}' is not an activity of {process.Key} (GET /api/v1/processes/{process.Key} lists them).", "activityKey"));

        var (performer, accountableId, broken) = await PartiesAsync(db, service.ProviderId, request.CustomerId, request.PerformerId, request.AccountableId,
            request.ActivityKey is not null, ct);
        if (broken is not null) return (null, broken);

        var slot = SourcingAssignment.SlotOf(request.CustomerId, process.Key, request.ActivityKey);
        if (await db.SourcingAssignments.IgnoreQueryFilters().AnyAsync(a => a.ServiceId == service.Id && a.Slot == slot, ct))
            return (null, new(Duplicate(request.CustomerId, request.ActivityKey ?? process.Key)));

        return (new SourcingAssignment
        {
            ProviderId = service.ProviderId,
            ServiceId = service.Id,
            CustomerId = request.CustomerId,
            ProcessKey = process.Key,
            ActivityKey = request.ActivityKey,
            PerformerOrganizationId = performer!.OrganizationId,
            PerformerTeamId = performer.TeamId,
            AccountableId = accountableId,
            Note = request.Note,
            CreatedAt = now,
        }, null);
    }

    /// <summary>Changes who performs (and, at process level, who is accountable); what is assigned stays.</summary>
    public static async Task<RuleViolation?> ChangeAsync(StewardDbContext db, SourcingAssignment assignment, Guid performerId, Guid? accountableId, string? note,
        CancellationToken ct = default)
    {
        var (performer, accountable, broken) = await PartiesAsync(db, assignment.ProviderId, assignment.CustomerId, performerId, accountableId,
            assignment.IsActivityLevel, ct);
        if (broken is not null) return broken;
        assignment.PerformerOrganizationId = performer!.OrganizationId;
        assignment.PerformerTeamId = performer.TeamId;
        assignment.AccountableId = accountable;
        assignment.Note = note;
        return null;
    }

    /// <summary>
    /// Resolves the performer (organization or team) and the accountable organization: named, or by
    /// default the performer, or the organization owning the performing team. Activity assignments
    /// name no accountable organization: the process level answers for the whole process. Both
    /// parties must take part in the provider's business (see <see cref="OutsideTheRelationshipAsync"/>).
    /// </summary>
    static async Task<(Performer? Performer, Guid? AccountableId, RuleViolation? Broken)> PartiesAsync(
        StewardDbContext db, Guid providerId, Guid? customerId, Guid performerId, Guid? accountableId, bool activityLevel, CancellationToken ct)
    {
        var performer = await db.PerformerAsync(performerId, ct);
        if (performer is null)
            return (null, null, new("No active organization or team with this id exists in your tenancy.", "performerId"));
        if (await OutsideTheRelationshipAsync(db, providerId, customerId, performer.OrganizationId, ct) is { } performerProblem)
            return (null, null, new(performerProblem, "performerId"));
        if (activityLevel)
            return accountableId is null ? (performer, null, null)
                : (null, null, new("An activity assignment names no accountable organization: accountability belongs to the whole process. Set it on the process-level assignment.", "accountableId"));
        if (accountableId is not { } accountable) return (performer, performer.OrganizationId, null);
        if (await db.IsTeamAsync(accountable, ct))
            return (null, null, new("A team cannot be accountable for a process; name the organization that answers for it.", "accountableId"));
        if (!await db.Organizations.AnyAsync(o => o.Id == accountable && o.ArchivedAt == null, ct))
            return (null, null, new("No active organization with this id exists in your tenancy.", "accountableId"));
        if (await OutsideTheRelationshipAsync(db, providerId, customerId, accountable, ct) is { } accountableProblem)
            return (null, null, new(accountableProblem, "accountableId"));
        return (performer, accountable, null);
    }

    /// <summary>
    /// Why an organization cannot take part in an assignment of the provider's service; null when it may.
    /// It must be the provider or one of its partners. A customer organization does only its own work:
    /// it may appear in an assignment made for that customer, never in a service-wide one (which every
    /// other customer's profile reads) nor in another customer's.
    /// </summary>
    static async Task<string?> OutsideTheRelationshipAsync(StewardDbContext db, Guid providerId, Guid? customerId, Guid organizationId, CancellationToken ct)
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

    public static string Duplicate(Guid? customerId, string what) => customerId is null
        ? $"The service already has a service-wide assignment for {what}; change it (PUT) instead."
        : $"The service already has an assignment for {what} for this customer; change it (PUT) instead.";

    static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
