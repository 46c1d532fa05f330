using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Knowledge;

/// <summary>
/// A reader's word on an article: helpful or not, and why. One per reader and article; saying it
/// again replaces it. The provider's row, shared with the reader's organization (a customer's
/// people see what their organization said).
/// </summary>
public sealed class ArticleFeedback : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ArticleId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CommunityId { get; init; }
    /// <summary>The published version the reader read.</summary>
    public int VersionNumber { get; set; }
    public Guid PersonId { get; init; }
    public Guid ReaderOrganizationId { get; init; }
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public Instant At { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
    Guid ICustomerShared.CustomerId => ReaderOrganizationId;
}

public enum ArticleRelation
{
    /// <summary>The record was resolved with the article: its reuse.</summary>
    UsedToResolve,
    Related,
}

/// <summary>An article tied to an incident or a request. A record resolved with a UsedToResolve link counts as the article's reuse.</summary>
public sealed class RecordArticle : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ArticleId { get; init; }
    /// <summary>The record's provider, which is also the article's.</summary>
    public Guid ProviderId { get; init; }
    /// <summary>The record's customer.</summary>
    public Guid CustomerId { get; init; }
    public Guid CommunityId { get; init; }
    public ArticleRelation Relation { get; set; }
    public Guid? LinkedById { get; set; }
    public Instant At { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>
/// "This solved it": a customer's person found the answer in an article the portal suggested and
/// raised no record. Counted per article and community; nothing else happens.
/// </summary>
public sealed class KnowledgeDeflection : IEntity, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ArticleId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CommunityId { get; init; }
    public Guid PersonId { get; init; }
    public Guid ReaderOrganizationId { get; init; }
    public Guid? ServiceId { get; init; }
    /// <summary>What the person was typing when the article was suggested.</summary>
    public string? Query { get; init; }
    public Instant At { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;
    Guid ICustomerShared.CustomerId => ReaderOrganizationId;
}
