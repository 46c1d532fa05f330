using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Knowledge;

public enum ReviewVerdict
{
    Approve,
    RequestChanges,
}

/// <summary>
/// A reviewer's verdict on a version in review, with their critique. A reviewer has one current
/// review of a version: reviewing it again replaces the earlier one, which stays, no longer current,
/// so that every critique remains readable beside the text.
/// </summary>
public sealed class ArticleReview : IEntity, ITenantScoped, ICommunityShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ArticleId { get; init; }
    public Guid VersionId { get; init; }
    public int VersionNumber { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CommunityId { get; init; }
    public Guid ReviewerId { get; init; }
    public ReviewVerdict Verdict { get; init; }
    public string? Comment { get; init; }
    /// <summary>The version's submission round the review was given in.</summary>
    public int Round { get; init; }
    public Instant At { get; init; }
    public bool IsCurrent { get; set; } = true;

    Guid ITenantScoped.OrganizationId => ProviderId;

    /// <summary>
    /// The approvals that count towards a version's quorum: current ones, given in its current
    /// round, by reviewers who did not write it (an author never counts, even one who wrote into
    /// the version after approving it).
    /// </summary>
    public static int ApprovalsOf(ArticleVersion version, IEnumerable<ArticleReview> reviews) =>
        reviews.Where(r => r.VersionId == version.Id && r.IsCurrent && r.Round == version.Round && r.Verdict is ReviewVerdict.Approve
                && !version.IsWrittenBy(r.ReviewerId))
            .Select(r => r.ReviewerId).Distinct().Count();
}
