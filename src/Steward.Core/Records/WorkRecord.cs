using NodaTime;
using Steward.Core.Common;
using Steward.Core.Sourcing;

namespace Steward.Core.Records;

/// <summary>
/// The core every work record shares (incidents and service requests now; problems and changes
/// later): what it is about, who asked, where it stands, who works it and which party performs its
/// current step under which agreement. One table for every kind, so queues, search and reports read
/// one index; the kind's own fields are nullable.
/// </summary>
/// <remarks>
/// The record belongs to the provider whose service it concerns and is shared with its customer
/// (<see cref="ICustomerShared"/>): the customer's people raise and follow it, the provider's work it.
/// </remarks>
public sealed class WorkRecord : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public RecordKind Kind { get; init; }
    /// <summary>The record's number within its kind, allocated by <see cref="RecordNumbers"/>.</summary>
    public long Sequence { get; init; }
    /// <summary>INC000001: the kind's prefix and the sequence, stored so that people can search for it as they write it.</summary>
    public required string Number { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; set; }
    public Guid? ServiceId { get; set; }
    /// <summary>The customer's subscription's offering at the time of logging: SLA policies may apply per offering.</summary>
    public Guid? OfferingId { get; set; }
    public Guid? RequesterId { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown as written; rendered through a sanitiser, never trusted as HTML.</summary>
    public string? Description { get; set; }
    public Level Impact { get; set; } = Level.Medium;
    public Level Urgency { get; set; } = Level.Medium;
    /// <summary>1 (critical) to 5 (planning); from the matrix unless an agent or an escalation set it.</summary>
    public int Priority { get; set; } = 3;
    public RecordState State { get; set; } = RecordState.New;
    public HoldReason? HoldReason { get; set; }
    public bool IsMajor { get; set; }
    public Guid? AssignedTeamId { get; set; }
    public Guid? AssigneeId { get; set; }
    /// <summary>The library process the record runs through and its current step (activity key).</summary>
    public required string ProcessKey { get; init; }
    public string? ActivityKey { get; set; }
    /// <summary>The party performing the current step: a team, or an organization (a supplier, a contractor).</summary>
    public Guid? PerformerId { get; set; }
    public Guid? PerformerOrganizationId { get; set; }
    /// <summary>The agreement the performer works under, as the sourcing model calls for it; null when the provider does the step itself.</summary>
    public AgreementType? PerformerAgreement { get; set; }
    public Guid? SlaPolicyId { get; set; }
    public Guid? CatalogItemId { get; set; }
    /// <summary>A catalogue request's answers to its item's form, as asked at the time; null for other records.</summary>
    public List<Requests.FormAnswer>? Answers { get; set; }
    public string? Resolution { get; set; }
    public Instant OpenedAt { get; init; }
    public Instant? RespondedAt { get; set; }
    public Instant? ResolvedAt { get; set; }
    public Instant? ClosedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public int ReopenCount { get; set; }

    // Facts the measures read (docs/improvement.md), stamped when they happen and never recomputed,
    // so that a measure over a million records is one read of a covering index with no join.

    /// <summary>The kind of sourcing of the customer's relationship for the service when the record was logged or its service set; null without a service, or for records from before it was kept.</summary>
    public SourcingKind? SourcingKind { get; set; }
    /// <summary>The party that performed the step the record was last resolved in.</summary>
    public Guid? ResolvedByPartyId { get; set; }
    /// <summary>How many times the record passed from one team or performing party to another; null for records from before it was counted.</summary>
    public int? Handoffs { get; set; }
    /// <summary>The first-response clock's business time once it stopped.</summary>
    public Duration? ResponseTime { get; set; }
    /// <summary>The resolution clock's business time once it stopped (its whole time, over every reopening).</summary>
    public Duration? ResolutionTime { get; set; }
    /// <summary>The first-response clock's outcome as of its last change (<see cref="Sla.RecordOutcomes"/>).</summary>
    public Sla.ClockOutcome ResponseOutcome { get; set; }
    /// <summary>When the first-response clock breaches if it keeps running; null unless it runs.</summary>
    public Instant? ResponseDueAt { get; set; }
    public Sla.ClockOutcome ResolutionOutcome { get; set; }
    public Instant? ResolutionDueAt { get; set; }
    /// <summary>
    /// Whether an article is tied to the record as UsedToResolve (its reuse), kept by the save that
    /// adds, changes or removes such a link (<see cref="Knowledge.RecordReuse"/>). The reuse rate counts
    /// it among the records resolved in a span, rather than looking up the links of each record.
    /// </summary>
    public bool ResolvedWithArticle { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool IsOpen => RecordStates.IsOpen(State);
}
