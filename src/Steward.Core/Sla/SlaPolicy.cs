using NodaTime;
using Steward.Core.Common;
using Steward.Core.Records;

namespace Steward.Core.Sla;

/// <summary>What a clock measures.</summary>
public enum ClockMetric
{
    /// <summary>From logging to the provider's first response.</summary>
    FirstResponse,
    /// <summary>From logging to resolution.</summary>
    Resolution,
    /// <summary>The time the record spends in one performing party's steps, against that party's own agreement.</summary>
    Party,
}

public enum EscalationTrigger
{
    Warning,
    Breach,
}

public enum EscalationAction
{
    /// <summary>Tell the assignee, the team and the team's leads.</summary>
    Notify,
    /// <summary>Hand the record to another team.</summary>
    Reassign,
    /// <summary>Raise the priority by one (1 is the highest); the new priority's targets apply from the start.</summary>
    RaisePriority,
}

/// <summary>The targets for one priority; a target left out is not measured.</summary>
public sealed record PolicyTarget(int Priority, Duration? FirstResponse, Duration? Resolution);

/// <summary>What happens when a clock of the policy reaches its warning or breach.</summary>
public sealed record Escalation(EscalationTrigger When, ClockMetric Metric, EscalationAction Action, Guid? TeamId);

/// <summary>
/// A service-level policy: which records it applies to, the calendar it counts in, the targets per
/// priority, the states that pause its clocks and when it warns. Criteria left empty match every
/// record. Of a provider's active policies the first match by <see cref="Rank"/> (then name) applies.
/// </summary>
public sealed class SlaPolicy : IEntity, IVersioned, ITenantScoped
{
    public const int MaxCriteria = 200, MaxEscalations = 20;

    public Guid Id { get; init; } = Ids.New();
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int Rank { get; set; } = 100;
    public bool IsActive { get; set; } = true;
    public List<RecordKind> Kinds { get; set; } = [];
    public List<Guid> ServiceIds { get; set; } = [];
    public List<Guid> OfferingIds { get; set; } = [];
    public List<Guid> CustomerIds { get; set; } = [];
    public List<int> Priorities { get; set; } = [];
    /// <summary>Null counts round the clock (UTC, every minute).</summary>
    public Guid? CalendarId { get; set; }
    public List<PolicyTarget> Targets { get; set; } = [];
    public List<RecordState> PauseStates { get; set; } = [RecordState.OnHold];
    /// <summary>Warn when this share of the target has passed; null for no warning.</summary>
    public int? WarningPercent { get; set; } = 75;
    public List<Escalation> Escalations { get; set; } = [];
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    public bool AppliesTo(WorkRecord record) =>
        IsActive
        && (Kinds.Count == 0 || Kinds.Contains(record.Kind))
        && (ServiceIds.Count == 0 || (record.ServiceId is { } s && ServiceIds.Contains(s)))
        && (OfferingIds.Count == 0 || (record.OfferingId is { } o && OfferingIds.Contains(o)))
        && (CustomerIds.Count == 0 || CustomerIds.Contains(record.CustomerId))
        && (Priorities.Count == 0 || Priorities.Contains(record.Priority));

    public Duration? TargetFor(ClockMetric metric, int priority) =>
        Targets.FirstOrDefault(t => t.Priority == priority) is { } target
            ? metric switch { ClockMetric.FirstResponse => target.FirstResponse, ClockMetric.Resolution => target.Resolution, _ => null }
            : null;

    /// <summary>The policy that applies to a record: the first active match by rank, then name.</summary>
    public static SlaPolicy? For(WorkRecord record, IEnumerable<SlaPolicy> policies) =>
        policies.Where(p => p.OrganizationId == record.ProviderId && p.AppliesTo(record))
            .OrderBy(p => p.Rank).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id)
            .FirstOrDefault();
}
