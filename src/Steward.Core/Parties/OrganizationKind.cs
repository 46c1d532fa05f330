namespace Steward.Core.Parties;

public enum OrganizationKind
{
    Customer,
    Provider,
    Supplier,
    Contractor,
}
