using Steward.Core.Knowledge;
using Steward.Core.Parties;
using Steward.Core.Processes;

namespace Steward.Core.Tests.Knowledge;

/// <summary>Who may be a member of a provider's community, and what a framework reference may point at.</summary>
public sealed class KnowledgeReferenceTests
{
    static readonly Guid Provider = Guid.NewGuid();

    static Organization Org(OrganizationKind kind, Guid? id = null) => new() { Id = id ?? Guid.NewGuid(), Name = kind.ToString(), Kind = kind };

    [Theory]
    [InlineData(OrganizationKind.Supplier, true, true)]
    [InlineData(OrganizationKind.Contractor, true, true)]
    [InlineData(OrganizationKind.Contractor, false, false)]
    [InlineData(OrganizationKind.Customer, true, false)]
    [InlineData(OrganizationKind.Provider, false, false)]
    public void The_providers_people_and_its_suppliers_and_contractors_may_be_members(OrganizationKind kind, bool engaged, bool eligible)
    {
        Assert.Equal(eligible, CommunityMember.CheckEligible(Provider, Org(kind), engaged, "Ann") is null);
    }

    [Fact]
    public void The_providers_own_people_may_be_members_and_a_customers_refusal_says_why()
    {
        Assert.Null(CommunityMember.CheckEligible(Provider, Org(OrganizationKind.Provider, Provider), false, "Ann"));
        Assert.Contains("a customer", CommunityMember.CheckEligible(Provider, Org(OrganizationKind.Customer), true, "Ann")!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void A_quorum_is_one_to_ten_approvals(int quorum, bool valid)
    {
        Assert.Equal(valid, Community.CheckQuorum(quorum) is null);
    }

    [Theory]
    [InlineData("itil-v3", "incident-management", true)]
    [InlineData("itil-v3", "knowledge-base", false)]
    [InlineData("itil-4", "service-desk", true)]
    [InlineData("itil-4", "incident-management", true)]
    [InlineData("itil-4", "helpdesk", false)]
    [InlineData("iso-20000-1", "8.2.3", true)]
    [InlineData("iso-20000-1", "8.3.1", true)]
    [InlineData("iso-20000-1", "8.5.1.2", true)]
    [InlineData("iso-20000-1", "8", true)]
    [InlineData("iso-20000-1", "8.9", false)]
    [InlineData("iso-20000-1", "6.1.2", true)]
    [InlineData("iso-20000-1", "10.2", true)]
    [InlineData("iso-20000-1", "3.1", false)]
    [InlineData("iso-20000-1", "8.2.", false)]
    [InlineData("iso-20000-1", "A.1", false)]
    [InlineData("cobit", "APO01", false)]
    public void A_reference_is_checked_against_the_process_library_where_it_can_be(string framework, string clause, bool valid)
    {
        Assert.Equal(valid, Frameworks.Check(new FrameworkReference(framework, clause), ProcessCatalog.BuiltIn) is null);
    }

    [Fact]
    public void The_activity_key_in_the_library_is_the_one_a_reference_names()
    {
        var activity = BuiltInLibrary.Find("incident-management")!.Activities[0].Key;

        Assert.Null(Frameworks.Check(new FrameworkReference(Frameworks.ItilV3, activity), ProcessCatalog.BuiltIn));
    }
}
