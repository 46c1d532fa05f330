using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Sourcing;

/// <summary>
/// An agreement the provider has in place (signed, with its measures and last review). It meets
/// an agreement the sourcing calls for when type and parties match and its service and process,
/// when set, are the required ones: left empty, it covers every service or process.
/// </summary>
public sealed class AgreementRecord : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    /// <summary>The provider whose sourcing model the agreement belongs to.</summary>
    public Guid ProviderId { get; init; }
    public AgreementType Type { get; set; }
    /// <summary>The organization that answers for the work (the customer of an SLA or PLA).</summary>
    public Guid AccountableId { get; set; }
    /// <summary>The other party: the provider, a supplier or contractor organization, or a team (OLA).</summary>
    public Guid CounterpartyId { get; set; }
    public Guid? ServiceId { get; set; }
    public string? ProcessKey { get; set; }
    public required string Reference { get; set; }
    public List<string> Measures { get; set; } = [];
    /// <summary>
    /// How long the counterparty may hold a record of each priority, in business time: what its
    /// party clock on a record is measured against. Empty: the party's time is measured, not judged.
    /// </summary>
    public List<AgreementTarget> Targets { get; set; } = [];
    /// <summary>
    /// The measures of the catalogue the agreement sets a value for (sla-compliance at 95 %, say):
    /// computed from the records for the agreement's scope and set against these values in the
    /// relationship review. <see cref="Measures"/> stays the agreement's own wording.
    /// </summary>
    public List<AgreementMeasureTarget> MeasureTargets { get; set; } = [];
    public LocalDate? SignedOn { get; set; }
    public LocalDate? LastReviewedOn { get; set; }
    public string? Note { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public AgreementFacts ToFacts() => new(Id, Type, AccountableId, CounterpartyId, ServiceId, ProcessKey, Reference, Measures, LastReviewedOn);
}

/// <summary>A value an agreement sets for one measure of the catalogue (<see cref="Measures.MeasureCatalog"/>), in the measure's unit.</summary>
public sealed record AgreementMeasureTarget(string Key, decimal Target);

/// <summary>The business time a performing party may spend on a record of one priority.</summary>
public sealed record AgreementTarget(int Priority, Duration Within);
