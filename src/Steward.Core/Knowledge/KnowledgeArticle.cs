using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Knowledge;

/// <summary>
/// Where an article stands: Draft and InReview until its first version is published, then
/// Published (while a newer version may be drafted and reviewed beside it), and Retired at its end.
/// </summary>
public enum ArticleState
{
    Draft,
    InReview,
    Published,
    Retired,
}

/// <summary>
/// A knowledge article of a community. Its text lives in <see cref="ArticleVersion"/>s; the article
/// row carries what lists, filters and search read: the reading copy (the published version's
/// title and filing, or the latest version's until one is published), the words of the published
/// text and of the version in the works, and where each stands.
/// </summary>
/// <remarks>
/// The lifecycle's rules are methods here, taking the versions concerned; they change the article
/// and its versions in memory, and the caller saves. Who may act is asked separately
/// (<see cref="KnowledgeRules"/>): a refusal for who you are is a 403, one for where the article
/// stands a 409.
/// </remarks>
public sealed class KnowledgeArticle : IEntity, IVersioned, ITenantScoped, ICommunityShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid CommunityId { get; init; }
    /// <summary>The person who answers for the article; a member of its community when made so.</summary>
    public Guid OwnerId { get; set; }
    public ArticleState State { get; private set; }

    public string Title { get; private set; } = "";
    public ArticleKind Kind { get; private set; }
    public ArticleAudience Audience { get; private set; }
    public List<Guid> CustomerIds { get; private set; } = [];
    public List<Guid> ServiceIds { get; private set; } = [];
    public List<string> ProcessKeys { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];

    public Guid? PublishedVersionId { get; private set; }
    public int? PublishedVersionNumber { get; private set; }
    public Instant? FirstPublishedAt { get; private set; }
    public Instant? PublishedAt { get; private set; }
    public Guid? WorkingVersionId { get; private set; }
    public int? WorkingVersionNumber { get; private set; }
    public VersionState? WorkingState { get; private set; }
    public int LatestVersionNumber { get; private set; }

    /// <summary>The published version's words (<see cref="KnowledgeText"/>): what every reader's search matches.</summary>
    public string ReadingText { get; private set; } = "";
    /// <summary>The words of the version in the works: what the community's members' search matches besides.</summary>
    public string WorkingText { get; private set; } = "";

    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; private set; }
    /// <summary>The last review given: a review changes the article's version, so two reviewers approving at once cannot both miss the quorum.</summary>
    public Instant? LastReviewedAt { get; private set; }
    public Instant? RetiredAt { get; private set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool IsPublished => State is ArticleState.Published;

    /// <summary>A new article and its first version, a draft by <paramref name="authorId"/>.</summary>
    public static (KnowledgeArticle Article, ArticleVersion First) Create(Community community, Guid ownerId, Guid? authorId, ArticleContent content, Instant now)
    {
        var article = new KnowledgeArticle { ProviderId = community.ProviderId, CommunityId = community.Id, OwnerId = ownerId, CreatedAt = now };
        var first = article.NewVersion(content, authorId, now);
        article.ShowWorking(first, now);
        return (article, first);
    }

    /// <summary>
    /// Writes <paramref name="content"/>: into the version in the works (one in review goes back to
    /// draft: its reviewers read what was submitted), or, when the published version is all there
    /// is, into a new draft version (<paramref name="started"/>, for the caller to add) that readers
    /// do not see until it is published.
    /// </summary>
    public RuleViolation? Edit(ArticleVersion? working, ArticleContent content, Guid? writerId, Instant now, out ArticleVersion? started)
    {
        started = null;
        if (State is ArticleState.Retired) return Retired("edited");
        if (content.Check() is { } broken) return broken;
        if (working is null)
        {
            started = NewVersion(content, writerId, now);
            working = started;
        }
        else
        {
            working.Write(content, writerId, now);
            working.State = VersionState.Draft;
        }
        ShowWorking(working, now);
        return null;
    }

    /// <summary>Sends the version in the works to review: a new round, in which approvals are counted afresh.</summary>
    public RuleViolation? Submit(ArticleVersion? working, Instant now)
    {
        if (State is ArticleState.Retired) return Retired("submitted");
        if (working is null)
            return new($"Version {PublishedVersionNumber} is published and nothing newer is being written; edit the article to start a new version.");
        if (working.State is VersionState.InReview) return new($"Version {working.Number} is already in review.");
        working.State = VersionState.InReview;
        working.Round++;
        working.SubmittedAt = now;
        working.FirstSubmittedAt ??= now;
        ShowWorking(working, now);
        return null;
    }

    /// <summary>
    /// Records a review of the version in review (the caller adds <paramref name="review"/> and has
    /// checked who reviews, <see cref="KnowledgeRules.MayReview"/>). The reviewer's earlier review of
    /// the version stops being current. A request for changes sends the version back to draft, its
    /// critique kept with it; an approval that completes the quorum publishes it.
    /// </summary>
    /// <param name="reviewsOfVersion">The version's reviews so far, tracked: the reviewer's current one is replaced.</param>
    public RuleViolation? Review(ArticleVersion? working, ArticleVersion? published, Guid reviewerId, ReviewVerdict verdict, string? comment,
        IReadOnlyList<ArticleReview> reviewsOfVersion, int quorum, Instant now, out ArticleReview? review)
    {
        review = null;
        if (State is ArticleState.Retired) return Retired("reviewed");
        if (working is not { State: VersionState.InReview })
            return new(working is null
                ? "No version of the article is in review."
                : $"Version {working.Number} is a draft, not in review; it is reviewed once submitted.");
        if (verdict is ReviewVerdict.RequestChanges && string.IsNullOrWhiteSpace(comment))
            return new("Say what should change: a request for changes carries its critique.", "comment");
        foreach (var earlier in reviewsOfVersion.Where(r => r.VersionId == working.Id && r.ReviewerId == reviewerId && r.IsCurrent))
            earlier.IsCurrent = false;
        review = new ArticleReview
        {
            ArticleId = Id, VersionId = working.Id, VersionNumber = working.Number, ProviderId = ProviderId, CommunityId = CommunityId,
            ReviewerId = reviewerId, Verdict = verdict, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            Round = working.Round, At = now,
        };
        LastReviewedAt = now;
        if (verdict is ReviewVerdict.RequestChanges)
        {
            working.State = VersionState.Draft;
            ShowWorking(working, now);
            return null;
        }
        if (ArticleReview.ApprovalsOf(working, [.. reviewsOfVersion, review]) >= quorum) PublishNow(working, published, null, now);
        return null;
    }

    /// <summary>
    /// Publishes the version in review: once its approvals reach the quorum, by any member; below
    /// it, only by a moderator (<paramref name="moderatorId"/>, checked by <see cref="KnowledgeRules.MayPublish"/>).
    /// </summary>
    public RuleViolation? Publish(ArticleVersion? working, ArticleVersion? published, int approvals, int quorum, Guid? moderatorId, Instant now)
    {
        if (State is ArticleState.Retired) return Retired("published");
        if (working is null) return new("No version of the article is in the works; the published one is current.");
        if (working.State is not VersionState.InReview) return new($"Version {working.Number} is a draft; submit it for review first.");
        if (approvals >= quorum) moderatorId = null;
        else if (moderatorId is null)
            return new($"Version {working.Number} has {approvals} of the {quorum} approvals its community needs; the quorum publishes it, or a moderator.");
        PublishNow(working, published, moderatorId, now);
        return null;
    }

    /// <summary>Ends the article: readers no longer find it, and neither it nor a version in the works changes again.</summary>
    public RuleViolation? Retire(ArticleVersion? working, ArticleVersion? published, Instant now)
    {
        if (State is ArticleState.Retired) return new("The article is already retired.");
        if (State is not ArticleState.Published || published is null)
            return new("The article was never published; delete the draft instead of retiring it.");
        published.State = VersionState.Retired;
        if (working is not null)
        {
            working.State = VersionState.Retired;
            working.UpdatedAt = now;
        }
        State = ArticleState.Retired;
        RetiredAt = now;
        WorkingVersionId = null;
        WorkingVersionNumber = null;
        WorkingState = null;
        WorkingText = "";
        UpdatedAt = now;
        return null;
    }

    /// <summary>Only an article never published may be deleted: a published one has readers, feedback and links, and is retired instead.</summary>
    public RuleViolation? CheckDeletable() => State is ArticleState.Published or ArticleState.Retired
        ? new("The article has been published: retire it instead, so that its history, feedback and links stay.")
        : null;

    ArticleVersion NewVersion(ArticleContent content, Guid? authorId, Instant now)
    {
        var version = new ArticleVersion
        {
            ArticleId = Id, ProviderId = ProviderId, CommunityId = CommunityId, Number = ++LatestVersionNumber, State = VersionState.Draft,
            Title = content.Title, Body = content.Body, AuthorId = authorId, CreatedAt = now,
        };
        version.Write(content, authorId, now);
        return version;
    }

    void PublishNow(ArticleVersion working, ArticleVersion? published, Guid? moderatorId, Instant now)
    {
        if (published is not null && published.Id != working.Id) published.State = VersionState.Superseded;
        working.State = VersionState.Published;
        working.PublishedAt = now;
        working.PublishedById = moderatorId;
        State = ArticleState.Published;
        PublishedVersionId = working.Id;
        PublishedVersionNumber = working.Number;
        PublishedAt = now;
        FirstPublishedAt ??= now;
        ReadingText = working.Content.SearchText;
        WorkingVersionId = null;
        WorkingVersionNumber = null;
        WorkingState = null;
        WorkingText = "";
        File(working);
        UpdatedAt = now;
    }

    /// <summary>The version in the works as the article shows it; until one is published, the article reads as it.</summary>
    void ShowWorking(ArticleVersion working, Instant now)
    {
        WorkingVersionId = working.Id;
        WorkingVersionNumber = working.Number;
        WorkingState = working.State;
        WorkingText = working.Content.SearchText;
        if (PublishedVersionId is null)
        {
            State = working.State is VersionState.InReview ? ArticleState.InReview : ArticleState.Draft;
            File(working);
        }
        UpdatedAt = now;
    }

    void File(ArticleVersion version)
    {
        Title = version.Title;
        Kind = version.Kind;
        Audience = version.Audience;
        CustomerIds = [.. version.CustomerIds];
        ServiceIds = [.. version.ServiceIds];
        ProcessKeys = [.. version.ProcessKeys];
        Tags = [.. version.Tags];
    }

    RuleViolation Retired(string what) => new($"The article is retired (since {RetiredAt}); a retired article is not {what} any more.");
}
