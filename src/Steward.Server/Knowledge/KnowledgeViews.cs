using NodaTime;
using Steward.Core.Knowledge;
using Steward.Server.Records;

namespace Steward.Server.Knowledge;

public sealed record CommunityView(Guid Id, Guid ProviderId, string Name, string? Purpose, IReadOnlyList<string> Frameworks, IReadOnlyList<string> ProcessKeys,
    IReadOnlyList<Guid> SkillIds, int ReviewQuorum, int MemberCount, Instant CreatedAt, long Version);

/// <summary>A member, named past the people filter: a provider's person reads who its contractor's reviewer is.</summary>
public sealed record MemberView(Guid PersonId, string Name, Guid OrganizationId, string OrganizationName, MemberRole Role, Instant JoinedAt, long Version);

/// <summary>An article in a list: its reading copy, and for the community's members where the version in the works stands.</summary>
public sealed record ArticleSummary(Guid Id, Guid CommunityId, Guid ProviderId, string Title, ArticleKind Kind, ArticleState State, ArticleAudience Audience,
    IReadOnlyList<string> Tags, IReadOnlyList<Guid> ServiceIds, Guid OwnerId, int? PublishedVersionNumber, Instant? PublishedAt,
    int? WorkingVersionNumber, VersionState? WorkingState, Instant UpdatedAt);

/// <summary>A reviewer's verdict, with their name and critique.</summary>
public sealed record ReviewView(Guid Id, int VersionNumber, Guid ReviewerId, string ReviewerName, ReviewVerdict Verdict, string? Comment, int Round, Instant At, bool IsCurrent);

/// <summary>
/// One version, whole. <c>reviews</c> are its critiques, every round's, for the community's members
/// (empty for other readers); <c>approvals</c> are those that count in its current round.
/// </summary>
public sealed record VersionView(Guid Id, int Number, VersionState State, string Title, string Body, string BodyHtml, ArticleKind Kind,
    IReadOnlyList<string> Tags, IReadOnlyList<Guid> ServiceIds, IReadOnlyList<string> ProcessKeys, ArticleAudience Audience, IReadOnlyList<Guid> CustomerIds,
    string? Framework, string? Clause, Guid? AuthorId, IReadOnlyList<Guid> ContributorIds, int Round, Instant CreatedAt, Instant UpdatedAt,
    Instant? SubmittedAt, Instant? PublishedAt, Guid? PublishedById, int Approvals, IReadOnlyList<ReviewView> Reviews)
{
    public static VersionView Of(ArticleVersion v, IReadOnlyList<ReviewView> reviews, int approvals) => new(v.Id, v.Number, v.State, v.Title, v.Body,
        MarkdownText.ToHtml(v.Body), v.Kind, v.Tags, v.ServiceIds, v.ProcessKeys, v.Audience, v.CustomerIds, v.Framework, v.Clause, v.AuthorId,
        v.ContributorIds, v.Round, v.CreatedAt, v.UpdatedAt, v.SubmittedAt, v.PublishedAt, v.PublishedById, approvals, reviews);
}

/// <summary>A version in the history: what it is, not its text.</summary>
public sealed record VersionSummary(Guid Id, int Number, VersionState State, string Title, Guid? AuthorId, IReadOnlyList<Guid> ContributorIds, int Round,
    Instant CreatedAt, Instant UpdatedAt, Instant? SubmittedAt, Instant? PublishedAt);

/// <summary>
/// An article as its reader may read it. The top-level text is the published version's (its
/// <c>versionNumber</c>); until one is published, the community's members read the latest. For
/// members, <c>working</c> is the version in the works (a draft or in review) with its reviews.
/// </summary>
public sealed record ArticleView(Guid Id, Guid CommunityId, string CommunityName, Guid ProviderId, Guid OwnerId, ArticleState State,
    int VersionNumber, VersionState VersionState, string Title, string Body, string BodyHtml, ArticleKind Kind, IReadOnlyList<string> Tags,
    IReadOnlyList<Guid> ServiceIds, IReadOnlyList<string> ProcessKeys, ArticleAudience Audience, IReadOnlyList<Guid> CustomerIds,
    string? Framework, string? Clause, int? PublishedVersionNumber, Instant? PublishedAt, Instant? FirstPublishedAt, VersionView? Working,
    ArticleFigures Figures, bool IsMember, Instant CreatedAt, Instant UpdatedAt, Instant? RetiredAt, long Version);

/// <summary>How an article is used: readers' feedback, records resolved with it, and the portal's deflections.</summary>
public sealed record ArticleFigures(int Helpful, int NotHelpful, int Reuse, int Deflections);

public sealed record FeedbackView(Guid Id, Guid PersonId, string PersonName, Guid OrganizationId, int VersionNumber, bool Helpful, string? Comment, Instant At, long Version);

public sealed record DeflectionView(Guid Id, Guid ArticleId, Guid? ServiceId, Instant At, int Deflections);

/// <summary>A record's tie to an article: the article's title as the caller may read it.</summary>
public sealed record ArticleLinkView(Guid Id, Guid RecordId, Guid ArticleId, string Title, ArticleKind Kind, ArticleState State, ArticleRelation Relation,
    Guid? LinkedById, Instant At, long Version);

/// <summary>An article suggested for a text (a record's, or what a requester types): why it came up, and where it begins.</summary>
public sealed record ArticleSuggestion(Guid Id, Guid CommunityId, string Title, ArticleKind Kind, ArticleAudience Audience, string Excerpt,
    IReadOnlyList<string> MatchedWords, bool SameService, int Score, int VersionNumber, Instant? PublishedAt);

/// <summary>A version waiting for the caller's review.</summary>
public sealed record ReviewWaiting(Guid ArticleId, Guid CommunityId, string CommunityName, string Title, int VersionNumber, int Round,
    Guid? AuthorId, string? AuthorName, Instant? SubmittedAt, int Approvals, int Quorum, bool ReviewedEarlierRound);

/// <summary>A diff of two versions: each line of the text, and the fields that changed.</summary>
public sealed record VersionDiff(Guid ArticleId, int From, int To, IReadOnlyList<FieldChange> Changes, IReadOnlyList<DiffLine> Lines, int Added, int Removed);

public sealed record FieldChange(string Field, string? Before, string? After);
