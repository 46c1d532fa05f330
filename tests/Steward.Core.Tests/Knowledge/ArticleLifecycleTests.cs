using NodaTime;
using Steward.Core.Knowledge;

namespace Steward.Core.Tests.Knowledge;

/// <summary>The lifecycle of an article and the quorum of its reviews, on the entities alone.</summary>
public sealed class ArticleLifecycleTests
{
    static readonly Instant Monday = Instant.FromUtc(2026, 12, 7, 9, 0);
    static readonly Guid Author = Guid.NewGuid(), CoAuthor = Guid.NewGuid(), Ann = Guid.NewGuid(), Bob = Guid.NewGuid(), Cy = Guid.NewGuid();

    static ArticleContent Content(string body = "Restart the spooler.", string title = "Printer queue stuck") =>
        new(title, body, ArticleKind.HowTo, ["printer"], [], [], ArticleAudience.Internal, [], null);

    sealed class Draft
    {
        public required Community Community { get; init; }
        public required KnowledgeArticle Article { get; init; }
        public required ArticleVersion Working { get; set; }
        public ArticleVersion? Published { get; set; }
        public List<ArticleReview> Reviews { get; } = [];

        public Steward.Core.Common.RuleViolation? Review(Guid reviewer, ReviewVerdict verdict, string? comment = null)
        {
            var broken = Article.Review(Working, Published, reviewer, verdict, comment, Reviews, Community.ReviewQuorum, Monday, out var review);
            if (review is not null) Reviews.Add(review);
            if (Working.State is VersionState.Published)
            {
                Published = Working;
            }
            return broken;
        }
    }

    static Draft Write(int quorum = 2)
    {
        var community = new Community { ProviderId = Guid.NewGuid(), Name = "Print practice", ReviewQuorum = quorum };
        var (article, first) = KnowledgeArticle.Create(community, Author, Author, Content(), Monday);
        return new Draft { Community = community, Article = article, Working = first };
    }

    static Draft Submitted(int quorum = 2)
    {
        var draft = Write(quorum);
        Assert.Null(draft.Article.Submit(draft.Working, Monday));
        return draft;
    }

    [Fact]
    public void A_new_article_is_a_draft_of_version_1_by_its_author()
    {
        var draft = Write();

        Assert.Equal(ArticleState.Draft, draft.Article.State);
        Assert.Equal(1, draft.Working.Number);
        Assert.Equal(VersionState.Draft, draft.Working.State);
        Assert.Equal([Author], draft.Working.ContributorIds);
        Assert.Equal("Printer queue stuck", draft.Article.Title);
        Assert.Equal("", draft.Article.ReadingText);
        Assert.Equal("printer queue stuck printer restart the spooler", draft.Article.WorkingText);
    }

    [Fact]
    public void Submitting_opens_a_review_round_and_submitting_twice_is_refused()
    {
        var draft = Submitted();

        Assert.Equal(ArticleState.InReview, draft.Article.State);
        Assert.Equal(1, draft.Working.Round);
        Assert.Equal(Monday, draft.Working.FirstSubmittedAt);
        Assert.NotNull(draft.Article.Submit(draft.Working, Monday));
    }

    [Fact]
    public void The_quorum_of_approvals_publishes_the_version()
    {
        var draft = Submitted(quorum: 2);

        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));
        Assert.Equal(VersionState.InReview, draft.Working.State);
        Assert.Null(draft.Review(Bob, ReviewVerdict.Approve));

        Assert.Equal(VersionState.Published, draft.Working.State);
        Assert.Equal(ArticleState.Published, draft.Article.State);
        Assert.Equal(draft.Working.Id, draft.Article.PublishedVersionId);
        Assert.Null(draft.Article.WorkingVersionId);
        Assert.Equal("printer queue stuck printer restart the spooler", draft.Article.ReadingText);
        Assert.Equal("", draft.Article.WorkingText);
        Assert.Null(draft.Working.PublishedById);
    }

    [Fact]
    public void An_authors_approval_never_counts_even_when_they_wrote_into_the_version_after_approving()
    {
        var draft = Submitted(quorum: 2);
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));
        Assert.Null(draft.Article.Edit(draft.Working, Content("Restart the spooler twice."), Ann, Monday, out _));
        Assert.Null(draft.Article.Submit(draft.Working, Monday));

        var forged = new ArticleReview { VersionId = draft.Working.Id, ReviewerId = Author, Verdict = ReviewVerdict.Approve, Round = draft.Working.Round };
        var byAnn = new ArticleReview { VersionId = draft.Working.Id, ReviewerId = Ann, Verdict = ReviewVerdict.Approve, Round = draft.Working.Round };

        Assert.Equal(0, ArticleReview.ApprovalsOf(draft.Working, [forged, byAnn]));
        Assert.Contains(Ann, draft.Working.ContributorIds);
        Assert.NotNull(KnowledgeRules.MayReview(Reviewer(MemberRole.Reviewer, Ann), draft.Working, Ann));
    }

    [Fact]
    public void A_reviewer_has_one_current_review_of_a_version_so_approving_again_counts_once()
    {
        var draft = Submitted(quorum: 2);

        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve, "Still good."));

        Assert.Equal(VersionState.InReview, draft.Working.State);
        Assert.Equal(2, draft.Reviews.Count);
        Assert.Single(draft.Reviews, r => r.IsCurrent);
        Assert.Equal("Still good.", draft.Reviews.Single(r => r.IsCurrent).Comment);
        Assert.Equal(1, ArticleReview.ApprovalsOf(draft.Working, draft.Reviews));
    }

    [Fact]
    public void A_request_for_changes_returns_the_version_to_draft_with_its_critique_and_voids_the_rounds_approvals()
    {
        var draft = Submitted(quorum: 2);
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));

        Assert.Null(draft.Review(Bob, ReviewVerdict.RequestChanges, "Which printers?"));

        Assert.Equal(VersionState.Draft, draft.Working.State);
        Assert.Equal(ArticleState.Draft, draft.Article.State);
        Assert.Equal("Which printers?", draft.Reviews.Last().Comment);
        Assert.Null(draft.Article.Submit(draft.Working, Monday));
        Assert.Equal(2, draft.Working.Round);
        Assert.Equal(0, ArticleReview.ApprovalsOf(draft.Working, draft.Reviews));
        Assert.Null(draft.Review(Bob, ReviewVerdict.Approve));
        Assert.Equal(VersionState.InReview, draft.Working.State);
        Assert.Null(draft.Review(Cy, ReviewVerdict.Approve));
        Assert.Equal(VersionState.Published, draft.Working.State);
    }

    [Fact]
    public void A_request_for_changes_says_what_should_change()
    {
        var draft = Submitted();

        var broken = draft.Review(Ann, ReviewVerdict.RequestChanges, "  ");

        Assert.Equal("comment", broken?.Field);
        Assert.Equal(VersionState.InReview, draft.Working.State);
        Assert.Empty(draft.Reviews);
    }

    [Fact]
    public void A_draft_is_not_reviewed_until_submitted()
    {
        var draft = Write();

        Assert.NotNull(draft.Review(Ann, ReviewVerdict.Approve));
        Assert.Empty(draft.Reviews);
    }

    [Fact]
    public void Editing_a_version_in_review_returns_it_to_draft_and_adds_its_writer()
    {
        var draft = Submitted();

        Assert.Null(draft.Article.Edit(draft.Working, Content("Restart the spooler service."), CoAuthor, Monday, out var started));

        Assert.Null(started);
        Assert.Equal(VersionState.Draft, draft.Working.State);
        Assert.Equal([Author, CoAuthor], draft.Working.ContributorIds);
        Assert.Equal(ArticleState.Draft, draft.Article.State);
    }

    [Fact]
    public void Editing_a_published_article_starts_a_new_draft_version_and_readers_keep_the_published_one()
    {
        var draft = Submitted(quorum: 1);
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));
        var first = draft.Published!;

        Assert.Null(draft.Article.Edit(null, Content("Restart the spooler, then the printer.", "Printer queue stuck again"), CoAuthor, Monday, out var second));

        Assert.NotNull(second);
        Assert.Equal(2, second.Number);
        Assert.Equal([CoAuthor], second.ContributorIds);
        Assert.Equal(ArticleState.Published, draft.Article.State);
        Assert.Equal("Printer queue stuck", draft.Article.Title);
        Assert.Equal(first.Id, draft.Article.PublishedVersionId);
        Assert.Equal(second.Id, draft.Article.WorkingVersionId);
        Assert.Contains("then", draft.Article.WorkingText, StringComparison.Ordinal);
        Assert.DoesNotContain("then", draft.Article.ReadingText, StringComparison.Ordinal);

        draft.Working = second;
        Assert.Null(draft.Article.Submit(second, Monday));
        Assert.Null(draft.Review(Bob, ReviewVerdict.Approve));
        Assert.Equal(VersionState.Superseded, first.State);
        Assert.Equal(VersionState.Published, second.State);
        Assert.Equal("Printer queue stuck again", draft.Article.Title);
    }

    [Fact]
    public void Below_the_quorum_only_a_moderator_publishes_and_is_recorded_as_the_publisher()
    {
        var draft = Submitted(quorum: 3);
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));

        var byMember = draft.Article.Publish(draft.Working, null, 1, 3, null, Monday);
        var byModerator = draft.Article.Publish(draft.Working, null, 1, 3, Bob, Monday);

        Assert.Contains("1 of the 3 approvals", byMember?.Detail, StringComparison.Ordinal);
        Assert.Null(byModerator);
        Assert.Equal(Bob, draft.Working.PublishedById);
        Assert.Equal(ArticleState.Published, draft.Article.State);
    }

    [Fact]
    public void A_retired_article_is_neither_edited_submitted_reviewed_nor_retired_again()
    {
        var draft = Submitted(quorum: 1);
        Assert.Null(draft.Review(Ann, ReviewVerdict.Approve));
        Assert.Null(draft.Article.Edit(null, Content("Newer."), Author, Monday, out var newer));

        Assert.Null(draft.Article.Retire(newer, draft.Published, Monday));

        Assert.Equal(ArticleState.Retired, draft.Article.State);
        Assert.Equal(VersionState.Retired, draft.Published!.State);
        Assert.Equal(VersionState.Retired, newer!.State);
        Assert.Contains("retired", draft.Article.Edit(null, Content("Again."), Author, Monday, out _)?.Detail, StringComparison.Ordinal);
        Assert.NotNull(draft.Article.Submit(null, Monday));
        Assert.NotNull(draft.Article.Retire(null, draft.Published, Monday));
        Assert.NotNull(draft.Article.CheckDeletable());
    }

    [Fact]
    public void An_article_never_published_is_deleted_rather_than_retired()
    {
        var draft = Write();

        Assert.NotNull(draft.Article.Retire(draft.Working, null, Monday));
        Assert.Null(draft.Article.CheckDeletable());
    }

    [Fact]
    public void An_interpretation_names_what_it_interprets_and_an_internal_article_names_no_customers()
    {
        var interpretation = Content() with { Kind = ArticleKind.Interpretation };
        var internalForCustomers = Content() with { CustomerIds = [Guid.NewGuid()] };

        Assert.Equal("framework", interpretation.Check()?.Field);
        Assert.Null((interpretation with { Reference = new FrameworkReference(Frameworks.Iso20000, "8.6.1") }).Check());
        Assert.Equal("customerIds", internalForCustomers.Check()?.Field);
        Assert.Null((internalForCustomers with { Audience = ArticleAudience.Customers }).Check());
    }

    static CommunityMember Reviewer(MemberRole role, Guid person) => new() { PersonId = person, Role = role };

    [Fact]
    public void Reviewers_and_moderators_review_members_and_outsiders_do_not()
    {
        var draft = Submitted();

        Assert.Null(KnowledgeRules.MayReview(Reviewer(MemberRole.Reviewer, Ann), draft.Working, Ann));
        Assert.Null(KnowledgeRules.MayReview(Reviewer(MemberRole.Moderator, Bob), draft.Working, Bob));
        Assert.Contains("Member", KnowledgeRules.MayReview(Reviewer(MemberRole.Member, Cy), draft.Working, Cy)?.Detail, StringComparison.Ordinal);
        Assert.Contains("not a member", KnowledgeRules.MayReview(null, draft.Working, Cy)?.Detail, StringComparison.Ordinal);
        Assert.Contains("never review", KnowledgeRules.MayReview(Reviewer(MemberRole.Moderator, Author), draft.Working, Author)?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_moderator_who_wrote_the_version_may_not_publish_it_below_the_quorum()
    {
        var draft = Submitted();

        var (asAuthor, refused) = KnowledgeRules.MayPublish(Reviewer(MemberRole.Moderator, Author), draft.Working, Author, 1, 2);
        var (asOther, allowed) = KnowledgeRules.MayPublish(Reviewer(MemberRole.Moderator, Bob), draft.Working, Bob, 1, 2);
        var (asReviewer, _) = KnowledgeRules.MayPublish(Reviewer(MemberRole.Reviewer, Ann), draft.Working, Ann, 1, 2);

        Assert.Null(asAuthor);
        Assert.NotNull(refused);
        Assert.Equal(Bob, asOther);
        Assert.Null(allowed);
        Assert.Null(asReviewer);
        Assert.NotNull(KnowledgeRules.MayPublish(null, draft.Working, Cy, 2, 2).Refused);
    }

    [Fact]
    public void The_owner_and_moderators_end_an_article_other_members_do_not()
    {
        var draft = Write();

        Assert.Null(KnowledgeRules.MayEnd(Reviewer(MemberRole.Member, Author), draft.Article, Author));
        Assert.Null(KnowledgeRules.MayEnd(Reviewer(MemberRole.Moderator, Bob), draft.Article, Bob));
        Assert.NotNull(KnowledgeRules.MayEnd(Reviewer(MemberRole.Reviewer, Ann), draft.Article, Ann));
        Assert.NotNull(KnowledgeRules.MayEnd(null, draft.Article, Author));
    }
}
