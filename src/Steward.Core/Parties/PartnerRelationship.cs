using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>
/// A provider serves a customer, or engages a supplier or contractor. This relation drives
/// tenancy: a provider's people see exactly the organizations their provider is related to.
/// </summary>
public sealed class PartnerRelationship : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid PartnerId { get; init; }
    public Instant CreatedAt { get; init; }

    // Journaled and write-checked under the provider: it is the provider's decision to serve.
    Guid ITenantScoped.OrganizationId => ProviderId;

    public static RuleViolation? Check(Organization provider, Organization partner)
    {
        if (provider.Kind is not OrganizationKind.Provider)
            return new($"'{provider.Name}' is a {provider.Kind}; only a provider serves or engages other organizations.", "providerId");
        if (partner.Kind is OrganizationKind.Provider)
            return new($"'{partner.Name}' is a provider; a provider serves customers and engages suppliers or contractors.", "partnerId");
        return null;
    }
}
