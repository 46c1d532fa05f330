using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Notifications;

namespace Steward.Server.Knowledge;

/// <summary>
/// What review tells people, in the bell: the community's reviewers and moderators when a version
/// awaits them, its authors when a reviewer asks for changes and when it is published. Written in
/// the transaction of the change; nobody is told of their own action, and no author is asked to
/// review their own version.
/// </summary>
sealed class KnowledgeNotices(StewardDbContext db)
{
    public async Task AskReviewersAsync(Community community, ArticleVersion version, Instant now, CancellationToken ct)
    {
        // Memberships past the filter: a contractor's member submitting tells the provider's reviewers too.
        var reviewers = await db.CommunityMembers.IgnoreQueryFilters()
            .Where(m => m.CommunityId == community.Id && (m.Role == MemberRole.Reviewer || m.Role == MemberRole.Moderator))
            .Select(m => m.PersonId).ToListAsync(ct);
        foreach (var reviewer in reviewers.Where(r => !version.IsWrittenBy(r)))
            Tell(version.ProviderId, reviewer, $"“{version.Title}” (version {version.Number}) waits for your review in {community.Name}.", LinkOf(version.ArticleId, "review"), now);
    }

    public async Task TellChangesRequestedAsync(KnowledgeArticle article, ArticleVersion version, ArticleReview review, Instant now, CancellationToken ct)
    {
        var reviewer = await db.People.IgnoreQueryFilters().Where(p => p.Id == review.ReviewerId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? "A reviewer";
        foreach (var author in version.ContributorIds)
            Tell(article.ProviderId, author, $"{reviewer} asks for changes to “{version.Title}” (version {version.Number}): {review.Comment}", LinkOf(article.Id, "review"), now);
    }

    public void TellPublished(KnowledgeArticle article, ArticleVersion version, Instant now)
    {
        foreach (var author in version.ContributorIds)
            Tell(article.ProviderId, author, $"“{version.Title}” (version {version.Number}) is published.", LinkOf(article.Id, "read"), now);
    }

    /// <summary>Where the bell opens the article: its review tab while a version waits, else the published text.</summary>
    public static string LinkOf(Guid articleId, string tab) => $"/knowledge/articles/{articleId}/{tab}";

    void Tell(Guid providerId, Guid personId, string text, string link, Instant now)
    {
        if (personId == db.Actor.PersonId) return;
        db.Notifications.Add(new Notification { OrganizationId = providerId, PersonId = personId, Text = Trim(text), Link = link, At = now });
    }

    static string Trim(string text) => text.Length <= NotificationLimits.Text ? text : text[..(NotificationLimits.Text - 1)] + "…";
}
