using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Sla;
using Steward.Server.Api;

namespace Steward.Server.Sla;

/// <summary>
/// SLA policies. Every change replans the provider's open records (in the background, durable):
/// the new targets apply from each record's start, with the time already counted kept.
/// </summary>
public static class PolicyEndpoints
{
    public const string Resource = "sla-policies";

    static readonly SortField<SlaPolicy>[] Sorts = [new("name", p => p.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapSlaPolicies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sla/policies").WithTags("SLA");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageSla);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageSla).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageSla).ForResource(Resource);
        return group;
    }

    /// <summary>Lists policies. Sort: name (default), createdAt.</summary>
    static async Task<Results<Ok<Page<PolicyView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? organizationId = null)
    {
        var query = db.SlaPolicies.AsNoTracking();
        if (organizationId is not null) query = query.Where(p => p.OrganizationId == organizationId);
        return await Keyset.PageByNameAsync(query, page, Sorts, p => p.Name, PolicyView.Of, ct);
    }

    static Task<Results<Ok<PolicyView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<SlaPolicy, PolicyView>(db, id, "SLA policy", PolicyView.Of, http, ct);

    static async Task<Results<Created<PolicyView>, ProblemHttpResult, ValidationProblem>> Create(
        PolicyBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var owner = body.OrganizationId ?? db.Actor.OrganizationId;
        if (owner is not { } providerId
            || !await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null, ct))
            return Problems.Invalid("organizationId", "No active provider with this id exists in your tenancy.");
        var now = clock.GetCurrentInstant();
        var policy = new SlaPolicy { OrganizationId = providerId, Name = body.Name, CreatedAt = now };
        var broken = await PolicyInput.ApplyAsync(db, policy, body, ct);
        if (broken is null) Replans.Request(db, providerId, $"SLA policy '{policy.Name}' created", now);
        return await Entities.CreateAsync(db, (policy, broken), "/api/v1/sla/policies", p => Task.FromResult(PolicyView.Of(p)), http, ct);
    }

    static Task<Results<Ok<PolicyView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, PolicyBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<SlaPolicy, PolicyView>(db, id, ifMatch, "SLA policy", async policy =>
            {
                if (body.OrganizationId is { } moved && moved != policy.OrganizationId)
                    return new RuleViolation("A policy stays with the provider it was made for.", "organizationId");
                var broken = await PolicyInput.ApplyAsync(db, policy, body, ct);
                if (broken is null) Replans.Request(db, policy.OrganizationId, $"SLA policy '{policy.Name}' changed", clock.GetCurrentInstant());
                return broken;
            },
            PolicyView.Of, http, ct);

    /// <summary>Records measured under the policy keep their clocks; they are replanned under whichever policy applies now.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, CancellationToken ct) =>
        Entities.DeleteAsync<SlaPolicy>(db, id, ifMatch, "SLA policy", ct, remove: policy =>
        {
            db.SlaPolicies.Remove(policy);
            Replans.Request(db, policy.OrganizationId, $"SLA policy '{policy.Name}' deleted", clock.GetCurrentInstant());
            return Task.CompletedTask;
        });
}

/// <summary>Asks for a provider's open records to be replanned, in the transaction of the change that calls for it.</summary>
public static class Replans
{
    public static void Request(StewardDbContext db, Guid providerId, string reason, Instant now) =>
        db.SlaReplans.Add(new SlaReplan { ProviderId = providerId, Reason = reason.Length > 400 ? reason[..400] : reason, RequestedAt = now });

    /// <summary>A calendar's hours or holidays changed: every provider with a policy counting in it replans its open records.</summary>
    public static async Task RequestForCalendarAsync(StewardDbContext db, SlaCalendar calendar, Instant now, CancellationToken ct = default)
    {
        var providers = await db.SlaPolicies.IgnoreQueryFilters().Where(p => p.CalendarId == calendar.Id).Select(p => p.OrganizationId).Distinct().ToListAsync(ct);
        foreach (var provider in providers) Request(db, provider, $"Business calendar '{calendar.Name}' changed", now);
    }
}
