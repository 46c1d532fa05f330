using NodaTime;
using Steward.Core.Common;
using Steward.Core.Measures;
using Steward.Core.Sourcing;

namespace Steward.Core.Improvements;

/// <summary>Where an improvement stands: identified, approved, worked on, then closed one of three ways.</summary>
public enum ImprovementState
{
    Identified,
    Approved,
    InProgress,
    Achieved,
    NotAchieved,
    Abandoned,
}

/// <summary>What an improvement was raised from: by hand, or in one click from what showed the need.</summary>
public enum ImprovementSource
{
    Manual,
    SatisfactionFollowUp,
    ComplianceReport,
    AgreementMeasure,
}

public static class ImprovementLimits
{
    public const int Title = 200;
    public const int Problem = 8_000;
    public const int Note = 4_000;
    public const int SourceNote = 400;
    public const int MaxActions = 100;
}

/// <summary>
/// What an improvement moves: the measure's scope. Empty is provider-wide. One service, customer,
/// process, party and kind of sourcing at most, as the measures engine narrows a series (the API
/// takes lists so that sets can follow without changing its shape).
/// </summary>
public sealed record ImprovementScope(Guid? ServiceId = null, Guid? CustomerId = null, string? ProcessKey = null, Guid? PartyId = null, SourcingKind? Kind = null)
{
    public MeasureScopes Scopes =>
        (ServiceId is null ? 0 : MeasureScopes.Service) | (CustomerId is null ? 0 : MeasureScopes.Customer) | (ProcessKey is null ? 0 : MeasureScopes.Process)
        | (PartyId is null ? 0 : MeasureScopes.Party) | (Kind is null ? 0 : MeasureScopes.Kind);
}

/// <summary>
/// An entry of the provider's improvement register (its community of excellence): a problem, the
/// measure it should move in a scope, where that measure stood over a baseline period, and the
/// target to reach by a date. The baseline is computed from the records when the improvement is
/// created and never written again, so that "better" is measured against what was, not remembered.
/// The provider's own record: its customers' people never see it.
/// </summary>
public sealed class Improvement : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Title { get; set; }
    /// <summary>Markdown.</summary>
    public string? Problem { get; set; }
    public Guid OwnerId { get; set; }

    public Guid? ServiceId { get; init; }
    public Guid? CustomerId { get; init; }
    public string? ProcessKey { get; init; }
    public Guid? PartyId { get; init; }
    public SourcingKind? SourcingKind { get; init; }

    public required string MeasureKey { get; init; }
    public Instant BaselineFrom { get; init; }
    public Instant BaselineTo { get; init; }
    /// <summary>The IANA zone the baseline's dates were read in, and the register's days.</summary>
    public required string Zone { get; init; }
    public decimal BaselineValue { get; init; }
    /// <summary>How many rows (records, clocks, answers) the baseline stands on.</summary>
    public long BaselineN { get; init; }
    public Instant BaselineComputedAt { get; init; }

    public decimal Target { get; set; }
    public LocalDate TargetDate { get; set; }

    public ImprovementState State { get; private set; } = ImprovementState.Identified;
    public Instant? ApprovedAt { get; private set; }
    public Guid? ApprovedById { get; private set; }
    public Instant? StartedAt { get; private set; }
    public Instant? ClosedAt { get; private set; }
    public Guid? ClosedById { get; private set; }
    /// <summary>The measure's value when the improvement was closed as achieved or not (over a window as long as the baseline).</summary>
    public decimal? ClosingValue { get; private set; }
    public long? ClosingN { get; private set; }

    public ImprovementSource Source { get; init; }
    public Guid? SourceId { get; init; }
    public string? SourceNote { get; init; }

    public Instant CreatedAt { get; init; }
    public Guid? CreatedById { get; init; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public ImprovementScope Scope => new(ServiceId, CustomerId, ProcessKey, PartyId, SourcingKind);

    public bool IsFinal => ImprovementStates.IsFinal(State);

    /// <summary>The span a value is measured over at <paramref name="at"/>: as long as the baseline, ending then.</summary>
    public ImprovementWindow WindowAt(Instant at) => ImprovementMath.WindowEndingAt(BaselineFrom, BaselineTo, at);

    /// <summary>Past its target date, or with an action past its due date, and not closed.</summary>
    public bool IsOverdue(LocalDate today, bool anActionIsOverdue) => !IsFinal && (TargetDate < today || anActionIsOverdue);

    /// <summary>A closed improvement is history: its title, owner and target no longer change.</summary>
    public RuleViolation? CheckOpen() =>
        IsFinal ? new($"The improvement is {ImprovementStates.Describe(State)}; a closed improvement no longer changes.") : null;

    /// <summary>
    /// Moves the improvement along its states. Closing it as achieved or not freezes the measure's
    /// value now (<paramref name="measured"/>, over a window as long as the baseline); achieved is
    /// refused unless that value meets the target, so that "achieved" is measured, not asserted.
    /// </summary>
    public RuleViolation? Move(ImprovementState to, MeasureDefinition measure, decimal? measured, long n, Guid? byId, Instant now)
    {
        if (ImprovementStates.CheckMove(State, to) is { } refused) return refused;
        if (to is ImprovementState.Achieved && ImprovementRules.CheckAchieved(measure, measured, Target) is { } missed) return missed;
        switch (to)
        {
            case ImprovementState.Approved:
                ApprovedAt = now;
                ApprovedById = byId;
                break;
            case ImprovementState.InProgress:
                StartedAt = now;
                break;
            default:
                ClosedAt = now;
                ClosedById = byId;
                if (to is not ImprovementState.Abandoned)
                {
                    ClosingValue = measured;
                    ClosingN = n;
                }
                break;
        }
        State = to;
        UpdatedAt = now;
        return null;
    }
}
