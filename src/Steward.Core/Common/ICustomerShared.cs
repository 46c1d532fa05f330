namespace Steward.Core.Common;

/// <summary>
/// A provider's row that its customer shares: a work record and what hangs off it. The provider's
/// tenancy owns it (<see cref="ITenantScoped.OrganizationId"/>); the customer's own people read and
/// write it as well. The customer side compares with the actor's own organization, never with its
/// visible set, so that a customer shared by two providers does not open one provider's records to
/// the other.
/// </summary>
public interface ICustomerShared
{
    Guid CustomerId { get; }
}
