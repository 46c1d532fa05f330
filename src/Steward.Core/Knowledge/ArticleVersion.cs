using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Knowledge;

public enum ArticleKind
{
    HowTo,
    KnownErrorWorkaround,
    BestPractice,
    Interpretation,
    Faq,
}

/// <summary>Who reads an article once published: the provider's people (and its partners' members), or its customers too.</summary>
public enum ArticleAudience
{
    Internal,
    Customers,
}

/// <summary>
/// A version's place in review. A version is written as a Draft, submitted InReview, and Published
/// by its reviewers' quorum or a moderator; publishing the next version Supersedes it. Retiring the
/// article retires its published version and any version still in the works.
/// </summary>
public enum VersionState
{
    Draft,
    InReview,
    Published,
    Superseded,
    Retired,
}

/// <summary>Everything a version says: the text and how it is filed, and who may read it once published.</summary>
public sealed record ArticleContent(
    string Title,
    string Body,
    ArticleKind Kind,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Guid> ServiceIds,
    IReadOnlyList<string> ProcessKeys,
    ArticleAudience Audience,
    IReadOnlyList<Guid> CustomerIds,
    FrameworkReference? Reference)
{
    /// <summary>What article search indexes of this content (<see cref="KnowledgeText"/>).</summary>
    public string SearchText => KnowledgeText.IndexOf([Title, .. Tags, Body]);

    /// <summary>The content's own rules, which need nothing stored: an Interpretation names what it interprets.</summary>
    public RuleViolation? Check()
    {
        if (Kind is ArticleKind.Interpretation && Reference is null)
            return new("An Interpretation names the framework and clause it reads (framework and clause, e.g. iso-20000-1 and 8.2.3).", "framework");
        if (Audience is ArticleAudience.Internal && CustomerIds.Count > 0)
            return new("Only an article for customers names customers; an Internal one is read by the provider and its partners' members.", "customerIds");
        return null;
    }
}

/// <summary>
/// One version of an article's text. The article's readers see its published version while the
/// next one is written and reviewed; every version stays, so history lists them and any two can be
/// compared.
/// </summary>
public sealed class ArticleVersion : IEntity, IVersioned, ITenantScoped, ICommunityShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ArticleId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CommunityId { get; init; }
    /// <summary>1, 2, 3 ... within the article.</summary>
    public int Number { get; init; }
    public VersionState State { get; set; }

    public required string Title { get; set; }
    /// <summary>Markdown as written; shown through the sanitising renderer, never trusted as HTML.</summary>
    public required string Body { get; set; }
    public ArticleKind Kind { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<Guid> ServiceIds { get; set; } = [];
    public List<string> ProcessKeys { get; set; } = [];
    public ArticleAudience Audience { get; set; }
    /// <summary>With a Customers audience, the customers it is for; empty is every customer of the provider.</summary>
    public List<Guid> CustomerIds { get; set; } = [];
    public string? Framework { get; set; }
    public string? Clause { get; set; }

    /// <summary>Who started the version.</summary>
    public Guid? AuthorId { get; init; }
    /// <summary>Everyone who wrote into the version, its author first: none of them reviews it or counts towards its quorum.</summary>
    public List<Guid> ContributorIds { get; set; } = [];
    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; set; }
    /// <summary>Submissions so far; approvals count in the round they were given in.</summary>
    public int Round { get; set; }
    public Instant? FirstSubmittedAt { get; set; }
    public Instant? SubmittedAt { get; set; }
    public Instant? PublishedAt { get; set; }
    /// <summary>The moderator who published it below the quorum; null when its reviewers' approvals did.</summary>
    public Guid? PublishedById { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public FrameworkReference? Reference => Framework is { } f && Clause is { } c ? new(f, c) : null;

    public ArticleContent Content => new(Title, Body, Kind, Tags, ServiceIds, ProcessKeys, Audience, CustomerIds, Reference);

    public bool IsWrittenBy(Guid personId) => ContributorIds.Contains(personId);

    /// <summary>In the works: not yet published, and not given up with its article.</summary>
    public bool IsWorking => State is VersionState.Draft or VersionState.InReview;

    public void Write(ArticleContent content, Guid? writerId, Instant now)
    {
        Title = content.Title;
        Body = content.Body;
        Kind = content.Kind;
        Tags = [.. content.Tags];
        ServiceIds = [.. content.ServiceIds];
        ProcessKeys = [.. content.ProcessKeys];
        Audience = content.Audience;
        CustomerIds = [.. content.CustomerIds];
        Framework = content.Reference?.Framework;
        Clause = content.Reference?.Clause;
        if (writerId is { } writer && !ContributorIds.Contains(writer)) ContributorIds = [.. ContributorIds, writer];
        UpdatedAt = now;
    }
}
