namespace Steward.Core.Identity;

/// <summary>
/// Who is acting in this scope (an HTTP request, a Blazor circuit, a background job) and which
/// tenants they may see. The DbContext's query filters and write checks read it on every query,
/// so it starts as <see cref="Kind.Nobody"/>: a scope nobody initialised sees nothing.
/// </summary>
public sealed class Actor
{
    public enum Kind { Nobody, Person, System }

    static readonly HashSet<Guid> NoOrganizations = [];
    static readonly HashSet<Guid> NoCommunities = [];

    public Kind Type { get; private set; } = Kind.Nobody;
    public Guid? PersonId { get; private set; }
    public Guid? TokenId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    /// <summary>Administrators, auditors and the system see every tenant.</summary>
    public bool SeesAll { get; private set; }

    /// <summary>The organizations this actor sees when it does not see all; used by query filters.</summary>
    public IReadOnlyCollection<Guid> VisibleOrganizationIds { get; private set; } = NoOrganizations;

    /// <summary>
    /// The communities of practice this person is a member of. A membership opens the community and
    /// its articles to the member whatever organization they are in: a contractor's reviewer reads
    /// and writes the provider's knowledge there, and nowhere else in the provider's tenancy.
    /// </summary>
    public IReadOnlyCollection<Guid> CommunityIds { get; private set; } = NoCommunities;

    public bool IsMemberOf(Guid communityId) => CommunityIds.Contains(communityId);

    public bool IsReadOnly => Type is Kind.Nobody
        || (Type is Kind.Person && Roles.Contains(Identity.Roles.Auditor) && !Roles.Contains(Identity.Roles.Administrator));

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool Sees(Guid organizationId) => SeesAll || VisibleOrganizationIds.Contains(organizationId);

    public void BecomeSystem()
    {
        Type = Kind.System;
        SeesAll = true;
        PersonId = null;
        TokenId = null;
        OrganizationId = null;
        Roles = new HashSet<string> { Identity.Roles.Administrator };
        CommunityIds = NoCommunities;
    }

    public void BecomePerson(Guid personId, Guid? tokenId, Guid organizationId, IReadOnlySet<string> roles, IReadOnlyCollection<Guid> visibleOrganizationIds,
        IReadOnlyCollection<Guid>? communityIds = null)
    {
        Type = Kind.Person;
        PersonId = personId;
        TokenId = tokenId;
        OrganizationId = organizationId;
        Roles = roles;
        SeesAll = Identity.Roles.SeesAll(roles);
        VisibleOrganizationIds = visibleOrganizationIds;
        CommunityIds = communityIds ?? NoCommunities;
    }

    public static Actor System()
    {
        var actor = new Actor();
        actor.BecomeSystem();
        return actor;
    }
}
