using Steward.Core.Common;

namespace Steward.Core.Knowledge;

/// <summary>
/// Who may do what to a community's articles, by their membership (null: not a member). A
/// violation here is about the person, not the article: the API answers it with 403.
/// </summary>
public static class KnowledgeRules
{
    public static RuleViolation? MayWrite(CommunityMember? member) => member is null
        ? new("Only members of the article's community write its articles; a moderator of the community can add you.")
        : null;

    /// <summary>A reviewer or moderator of the community who wrote nothing of the version in review.</summary>
    public static RuleViolation? MayReview(CommunityMember? member, ArticleVersion? working, Guid personId)
    {
        if (member is null)
            return new("Only the reviewers and moderators of the article's community review it; you are not a member of the community.");
        if (!member.Reviews)
            return new("You are a Member of the community; its reviewers and moderators review articles.");
        if (working is not null && working.IsWrittenBy(personId))
            return new($"You wrote version {working.Number} of this article, and its authors never review it: the community's other reviewers do.");
        return null;
    }

    /// <summary>
    /// Any member publishes a version its quorum approved; below the quorum only a moderator, and not
    /// one who wrote the version (that would be publishing one's own text unreviewed). Answers the
    /// moderator's id to publish under, or null.
    /// </summary>
    public static (Guid? ModeratorId, RuleViolation? Refused) MayPublish(CommunityMember? member, ArticleVersion? working, Guid personId, int approvals, int quorum)
    {
        if (member is null) return (null, new("Only members of the article's community publish its articles; you are not a member of the community."));
        if (member.Role is not MemberRole.Moderator || approvals >= quorum) return (null, null);
        if (working is not null && working.IsWrittenBy(personId))
            return (null, new($"You wrote version {working.Number}: its authors may not publish it below the quorum ({approvals} of {quorum} approvals). Another moderator may, or the reviewers' approvals will."));
        return (personId, null);
    }

    /// <summary>The article's owner and the community's moderators retire or delete it.</summary>
    public static RuleViolation? MayEnd(CommunityMember? member, KnowledgeArticle article, Guid personId) =>
        member?.Role is MemberRole.Moderator || (member is not null && article.OwnerId == personId)
            ? null
            : new("Only the article's owner and the community's moderators retire or delete an article.");
}
