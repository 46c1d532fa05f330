using NodaTime;
using Steward.Core.Common;
using Steward.Core.Parties;

namespace Steward.Core.Knowledge;

public static class KnowledgeLimits
{
    public const int Name = 200;
    public const int Purpose = 4_000;
    public const int Title = 200;
    public const int Body = 50_000;
    public const int Tag = 40;
    public const int MaxTags = 20;
    public const int MaxServices = 50;
    public const int MaxProcessKeys = 50;
    public const int MaxSkills = 100;
    public const int MaxCustomers = 200;
    public const int Comment = 4_000;
    public const int Clause = 40;
    public const int MaxQuorum = 10;
    public const int Query = 200;
    public const int DefaultQuorum = 2;
}

/// <summary>
/// A row of a community of practice: its provider's record (<see cref="ITenantScoped"/>), which the
/// community's members read and write whatever organization they belong to
/// (<see cref="Identity.Actor.CommunityIds"/>).
/// </summary>
public interface ICommunityShared
{
    Guid CommunityId { get; }
}

/// <summary>
/// A community of practice: the provider's people and its partners' who exchange, review and
/// critique the know-how of a practice, and advise how to read a body of knowledge (the frameworks
/// it interprets). Its reviewers' approvals publish its articles.
/// </summary>
public sealed class Community : IEntity, IVersioned, ITenantScoped, ICommunityShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = Organization.KeyOf(value);
        }
    }
    string name = "";

    /// <summary>The name as uniqueness sees it: unique per provider.</summary>
    public string NameKey { get; private set; } = "";
    public string? Purpose { get; set; }
    /// <summary>The frameworks of the process library it interprets (<see cref="Frameworks"/>).</summary>
    public List<string> Frameworks { get; set; } = [];
    public List<string> ProcessKeys { get; set; } = [];
    public List<Guid> SkillIds { get; set; } = [];
    /// <summary>Approving reviews that publish a version; the version's authors never count.</summary>
    public int ReviewQuorum { get; set; } = KnowledgeLimits.DefaultQuorum;
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
    Guid ICommunityShared.CommunityId => Id;

    public static RuleViolation? CheckQuorum(int quorum) => quorum is < 1 or > KnowledgeLimits.MaxQuorum
        ? new($"The review quorum is 1 to {KnowledgeLimits.MaxQuorum} approving reviews.", "reviewQuorum")
        : null;
}

/// <summary>What a member does in a community. Reviewers and moderators review; moderators also publish, retire and manage members.</summary>
public enum MemberRole
{
    Member,
    Reviewer,
    Moderator,
}

/// <summary>A person's membership of a community.</summary>
public sealed class CommunityMember : IEntity, IVersioned, ITenantScoped, ICommunityShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid CommunityId { get; init; }
    /// <summary>The community's provider: the membership is its record.</summary>
    public Guid ProviderId { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The member's own organization: the provider, or one of its suppliers or contractors.</summary>
    public Guid PersonOrganizationId { get; init; }
    public MemberRole Role { get; set; }
    public Instant JoinedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool Reviews => Role is MemberRole.Reviewer or MemberRole.Moderator;

    /// <summary>
    /// Who may join a provider's community: its own people and the people of the suppliers and
    /// contractors it engages. Customers' people read the articles meant for them; they do not
    /// review the provider's know-how.
    /// </summary>
    public static RuleViolation? CheckEligible(Guid providerId, Organization personOrganization, bool engagedByProvider, string personName)
    {
        if (personOrganization.Id == providerId) return null;
        if (personOrganization.Kind is OrganizationKind.Customer)
            return new($"{personName} is a person of {personOrganization.Name}, a customer: customers' people read the published articles meant for them but are not members of the provider's communities.");
        if (personOrganization.Kind is OrganizationKind.Provider || !engagedByProvider)
            return new($"{personName} is a person of {personOrganization.Name}, which the community's provider does not engage: members are the provider's people and its suppliers' and contractors'.");
        return null;
    }
}
