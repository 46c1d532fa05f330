using Steward.Core.Common;

namespace Steward.Core.Finance;

/// <summary>
/// A provider's finance settings: the currency its profit and loss is reported in. Kept apart from
/// the organization, whose PUT replaces the whole record, so that setting one never wipes the other.
/// </summary>
public sealed class FinanceSetting : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public required string ReportingCurrency { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
