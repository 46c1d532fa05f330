using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Server.Api;

namespace Steward.Server.Sla;

/// <summary>Targets for one priority as ISO 8601 business durations; leave one out to not measure it.</summary>
[ValidatableType]
public sealed record PolicyTargetBody([property: Range(1, 5)] int Priority, [property: StringLength(40)] string? FirstResponse = null,
    [property: StringLength(40)] string? Resolution = null);

[ValidatableType]
public sealed record EscalationBody([property: Required] EscalationTrigger When, [property: Required] ClockMetric Metric,
    [property: Required] EscalationAction Action, Guid? TeamId = null);

/// <summary>POST and PUT /api/v1/sla/policies. Criteria left empty match every record; <c>organizationId</c> is the provider (default: the caller's).</summary>
public sealed record PolicyBody(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required, MinLength(1), MaxLength(5)] PolicyTargetBody[] Targets,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    Guid? OrganizationId = null,
    [property: Range(0, 10_000)] int Rank = 100,
    bool IsActive = true,
    [property: MaxLength(2)] RecordKind[]? Kinds = null,
    [property: MaxLength(SlaPolicy.MaxCriteria)] Guid[]? ServiceIds = null,
    [property: MaxLength(SlaPolicy.MaxCriteria)] Guid[]? OfferingIds = null,
    [property: MaxLength(SlaPolicy.MaxCriteria)] Guid[]? CustomerIds = null,
    [property: MaxLength(5)] int[]? Priorities = null,
    Guid? CalendarId = null,
    [property: MaxLength(8)] RecordState[]? PauseStates = null,
    [property: Range(1, 99)] int? WarningPercent = 75,
    [property: MaxLength(SlaPolicy.MaxEscalations)] EscalationBody[]? Escalations = null);

public sealed record PolicyView(Guid Id, Guid OrganizationId, string Name, string? Description, int Rank, bool IsActive,
    IReadOnlyList<RecordKind> Kinds, IReadOnlyList<Guid> ServiceIds, IReadOnlyList<Guid> OfferingIds, IReadOnlyList<Guid> CustomerIds,
    IReadOnlyList<int> Priorities, Guid? CalendarId, IReadOnlyList<PolicyTarget> Targets, IReadOnlyList<RecordState> PauseStates,
    int? WarningPercent, IReadOnlyList<Escalation> Escalations, Instant CreatedAt, long Version)
{
    public static PolicyView Of(SlaPolicy p) => new(p.Id, p.OrganizationId, p.Name, p.Description, p.Rank, p.IsActive, p.Kinds, p.ServiceIds,
        p.OfferingIds, p.CustomerIds, p.Priorities, p.CalendarId, p.Targets, p.PauseStates, p.WarningPercent, p.Escalations, p.CreatedAt, p.Version);
}

/// <summary>The rules of an SLA policy, shared by the API and the policy editor. Every broken rule names its field.</summary>
public static class PolicyInput
{
    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, SlaPolicy policy, PolicyBody body, CancellationToken ct = default)
    {
        var provider = policy.OrganizationId;
        var name = body.Name.Trim();
        if (await db.SlaPolicies.AnyAsync(p => p.OrganizationId == provider && p.Name == name && p.Id != policy.Id, ct))
            return new($"The provider already has a policy named '{name}'.", "name");

        var targets = new List<PolicyTarget>();
        for (var i = 0; i < body.Targets.Length; i++)
        {
            var t = body.Targets[i];
            if (targets.Any(x => x.Priority == t.Priority)) return new($"Priority {t.Priority} has one set of targets.", $"targets[{i}].priority");
            Duration? response = null, resolution = null;
            if (t.FirstResponse is not null)
            {
                if (BusinessTime.TryParse(t.FirstResponse, out var d) is { } bad) return new(bad, $"targets[{i}].firstResponse");
                if (d <= Duration.Zero) return new("A target is a positive duration.", $"targets[{i}].firstResponse");
                response = d;
            }
            if (t.Resolution is not null)
            {
                if (BusinessTime.TryParse(t.Resolution, out var d) is { } bad) return new(bad, $"targets[{i}].resolution");
                if (d <= Duration.Zero) return new("A target is a positive duration.", $"targets[{i}].resolution");
                resolution = d;
            }
            if (response is null && resolution is null) return new("Give a first-response or a resolution target (or both).", $"targets[{i}]");
            if (response is { } r && resolution is { } s && r > s) return new("The first response cannot be due after the resolution.", $"targets[{i}].firstResponse");
            targets.Add(new PolicyTarget(t.Priority, response, resolution));
        }

        if (body.CalendarId is { } calendarId && !await db.SlaCalendars.AnyAsync(c => c.Id == calendarId, ct))
            return new("No calendar with this id exists in your tenancy.", "calendarId");
        var services = body.ServiceIds?.Distinct().ToList() ?? [];
        if (services.Count > 0 && await db.Services.CountAsync(s => services.Contains(s.Id) && s.ProviderId == provider, ct) != services.Count)
            return new("Every service must be one of the provider's.", "serviceIds");
        var offerings = body.OfferingIds?.Distinct().ToList() ?? [];
        if (offerings.Count > 0 && await db.Offerings.CountAsync(o => offerings.Contains(o.Id) && o.ProviderId == provider, ct) != offerings.Count)
            return new("Every offering must be one of the provider's.", "offeringIds");
        var customers = body.CustomerIds?.Distinct().ToList() ?? [];
        if (customers.Count > 0 && await db.PartnerRelationships.CountAsync(r => r.ProviderId == provider && customers.Contains(r.PartnerId), ct)
                + (customers.Contains(provider) ? 1 : 0) != customers.Count)
            return new("Every customer must be a customer of the provider (or the provider itself).", "customerIds");
        var priorities = body.Priorities?.Distinct().ToList() ?? [];
        if (priorities.Any(p => p is < 1 or > 5)) return new("Priorities run from 1 to 5.", "priorities");
        var pauses = body.PauseStates?.Distinct().ToList() ?? [RecordState.OnHold];
        foreach (var state in pauses)
            if (state is not (RecordState.OnHold or RecordState.AwaitingApproval))
                return new($"{state} cannot pause a clock: pause states are OnHold and AwaitingApproval; resolving stops the clocks.", "pauseStates");

        var escalations = new List<Escalation>();
        for (var i = 0; i < (body.Escalations?.Length ?? 0); i++)
        {
            var e = body.Escalations![i];
            if (e.Action is EscalationAction.Reassign)
            {
                if (e.TeamId is not { } team) return new("Reassigning needs the team to hand the record to.", $"escalations[{i}].teamId");
                if (!await Parties.PartyChecks.TeamOfProviderOrPartnerAsync(db, provider, team, ct))
                    return new("No active team of the provider or its partners has this id.", $"escalations[{i}].teamId");
            }
            else if (e.TeamId is not null) return new("Only a reassignment names a team.", $"escalations[{i}].teamId");
            if (e.Metric is ClockMetric.Party && e.Action is not EscalationAction.Notify)
                return new("A party's clock escalates by notifying; the record's own clocks may reassign or raise the priority.", $"escalations[{i}].action");
            escalations.Add(new Escalation(e.When, e.Metric, e.Action, e.TeamId));
        }

        policy.Name = name;
        policy.Description = body.Description;
        policy.Rank = body.Rank;
        policy.IsActive = body.IsActive;
        policy.Kinds = body.Kinds?.Distinct().ToList() ?? [];
        policy.ServiceIds = services;
        policy.OfferingIds = offerings;
        policy.CustomerIds = customers;
        policy.Priorities = priorities.Order().ToList();
        policy.CalendarId = body.CalendarId;
        policy.Targets = targets.OrderBy(t => t.Priority).ToList();
        policy.PauseStates = pauses;
        policy.WarningPercent = body.WarningPercent;
        policy.Escalations = escalations;
        return null;
    }
}
