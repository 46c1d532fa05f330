using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Knowledge;
using Steward.Core.Records;

namespace Steward.Server.Knowledge;

/// <summary>
/// What a person may read of communities and articles, for the API and the pages. Tenancy is the
/// query filters' (a customer's people reach only published articles meant for customers, a
/// partner's people only their communities); on top, readers who are not members of an article's
/// community read only its published versions, and no critique. Administrators and auditors read
/// as members do.
/// </summary>
public sealed partial class KnowledgeReader(StewardDbContext db)
{
    Actor Actor => db.Actor;

    /// <summary>Whether the actor reads the community's drafts, versions in review and critiques.</summary>
    public bool ReadsWorkOf(Guid communityId) => Actor.SeesAll || Actor.IsMemberOf(communityId);

    /// <summary>The articles the actor may read: published ones, and every article of the communities they are a member of.</summary>
    public IQueryable<KnowledgeArticle> Readable() => ReadableFrom(db.KnowledgeArticles);

    public IQueryable<KnowledgeArticle> ReadableFrom(IQueryable<KnowledgeArticle> articles)
    {
        if (Actor.SeesAll) return articles;
        var mine = Actor.CommunityIds.ToArray();
        return mine.Length == 0
            ? articles.Where(a => a.State == ArticleState.Published)
            : articles.Where(a => a.State == ArticleState.Published || mine.Contains(a.CommunityId));
    }

    /// <summary>The versions of an article the actor may read: all of them for members, those that were published for others.</summary>
    IQueryable<ArticleVersion> VersionsOf(KnowledgeArticle article)
    {
        var versions = db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == article.Id);
        return ReadsWorkOf(article.CommunityId) ? versions : versions.Where(v => v.PublishedAt != null);
    }

    public async Task<ArticleView?> ArticleAsync(Guid id, CancellationToken ct = default)
    {
        var article = await Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return null;
        var member = ReadsWorkOf(article.CommunityId);
        var shownId = article.PublishedVersionId ?? article.WorkingVersionId;
        var workingId = member ? article.WorkingVersionId : null;
        var versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id && (v.Id == shownId || v.Id == workingId)).ToListAsync(ct);
        var shown = versions.Single(v => v.Id == shownId);
        VersionView? working = null;
        if (versions.FirstOrDefault(v => v.Id == workingId) is { } inTheWorks)
        {
            var reviews = await ReviewsAsync(inTheWorks.Id, ct);
            working = VersionView.Of(inTheWorks, reviews.Views, reviews.Approvals(inTheWorks));
        }
        var communityName = await db.Communities.Where(c => c.Id == article.CommunityId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "";
        return new ArticleView(article.Id, article.CommunityId, communityName, article.ProviderId, article.OwnerId, article.State,
            shown.Number, shown.State, shown.Title, shown.Body, Records.MarkdownText.ToHtml(shown.Body), shown.Kind, shown.Tags, shown.ServiceIds,
            shown.ProcessKeys, shown.Audience, shown.CustomerIds, shown.Framework, shown.Clause, article.PublishedVersionNumber, article.PublishedAt,
            article.FirstPublishedAt, working, await FiguresAsync(id, ct), member, article.CreatedAt, article.UpdatedAt, article.RetiredAt, article.Version);
    }

    /// <summary>How an article is used, counted past the filters: every reader's feedback, every record resolved with it.</summary>
    public async Task<ArticleFigures> FiguresAsync(Guid articleId, CancellationToken ct = default)
    {
        var feedback = await db.ArticleFeedback.IgnoreQueryFilters().Where(f => f.ArticleId == articleId)
            .GroupBy(f => f.Helpful).Select(g => new { Helpful = g.Key, Count = g.Count() }).ToListAsync(ct);
        var reuse = await Reuse(db).CountAsync(l => l.ArticleId == articleId, ct);
        var deflections = await db.KnowledgeDeflections.IgnoreQueryFilters().CountAsync(d => d.ArticleId == articleId, ct);
        return new ArticleFigures(feedback.Where(f => f.Helpful).Sum(f => f.Count), feedback.Where(f => !f.Helpful).Sum(f => f.Count), reuse, deflections);
    }

    /// <summary>The links that count as reuse: UsedToResolve, on records that were resolved (past the filters; count them, do not show them).</summary>
    public static IQueryable<RecordArticle> Reuse(StewardDbContext db) =>
        from l in db.RecordArticles.IgnoreQueryFilters()
        join r in db.WorkRecords.IgnoreQueryFilters() on l.RecordId equals r.Id
        where l.Relation == ArticleRelation.UsedToResolve && r.ResolvedAt != null
        select l;

    sealed record Reviews(IReadOnlyList<ReviewView> Views, IReadOnlyList<ArticleReview> Rows)
    {
        public int Approvals(ArticleVersion version) => ArticleReview.ApprovalsOf(version, Rows);
    }

    async Task<Reviews> ReviewsAsync(Guid versionId, CancellationToken ct)
    {
        var rows = await db.ArticleReviews.AsNoTracking().Where(r => r.VersionId == versionId).OrderBy(r => r.Id).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.ReviewerId), ct);
        return new(rows.Select(r => new ReviewView(r.Id, r.VersionNumber, r.ReviewerId, names.GetValueOrDefault(r.ReviewerId, ""), r.Verdict, r.Comment,
            r.Round, r.At, r.IsCurrent)).ToList(), rows);
    }

    /// <summary>People's names past the people filter: a customer reads who wrote, a provider who its contractor's reviewer is.</summary>
    async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.People.IgnoreQueryFilters().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    /// <summary>The history: every version for members, the published ones for other readers; newest first.</summary>
    public async Task<IReadOnlyList<VersionSummary>?> VersionsAsync(Guid articleId, CancellationToken ct = default)
    {
        var article = await Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null) return null;
        return await VersionsOf(article).OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Id, v.Number, v.State, v.Title, v.AuthorId, v.ContributorIds, v.Round, v.CreatedAt, v.UpdatedAt, v.SubmittedAt, v.PublishedAt))
            .ToListAsync(ct);
    }

    /// <summary>One version whole, with its critiques for members; null when the article or the version is out of the actor's reach.</summary>
    public Task<VersionView?> VersionAsync(Guid articleId, int number, CancellationToken ct = default) =>
        VersionAsync(articleId, versions => versions.Where(v => v.Number == number), ct);

    public Task<VersionView?> VersionAsync(Guid articleId, Guid versionId, CancellationToken ct = default) =>
        VersionAsync(articleId, versions => versions.Where(v => v.Id == versionId), ct);

    async Task<VersionView?> VersionAsync(Guid articleId, Func<IQueryable<ArticleVersion>, IQueryable<ArticleVersion>> which, CancellationToken ct)
    {
        var article = await Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null) return null;
        var version = await which(VersionsOf(article)).SingleOrDefaultAsync(ct);
        if (version is null) return null;
        if (!ReadsWorkOf(article.CommunityId)) return VersionView.Of(version, [], 0);
        var reviews = await ReviewsAsync(version.Id, ct);
        return VersionView.Of(version, reviews.Views, reviews.Approvals(version));
    }

    /// <summary>
    /// The difference between two versions the actor may read: the text line by line, and the fields
    /// that changed. By default the newest readable version against the one before it.
    /// </summary>
    public async Task<(VersionDiff? Diff, KnowledgeProblem? Problem)> DiffAsync(Guid articleId, int? from, int? to, CancellationToken ct = default)
    {
        var article = await Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null) return (null, KnowledgeProblem.NotFound("article"));
        var numbers = await VersionsOf(article).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(ct);
        var newer = to ?? numbers.LastOrDefault();
        var older = from ?? numbers.LastOrDefault(n => n < newer);
        if (older == 0) older = newer;
        if (!numbers.Contains(newer)) return (null, NoVersion("to", newer));
        if (!numbers.Contains(older)) return (null, NoVersion("from", older));
        var pair = await VersionsOf(article).Where(v => v.Number == older || v.Number == newer).ToListAsync(ct);
        var a = pair.First(v => v.Number == older);
        var b = pair.First(v => v.Number == newer);
        var lines = TextDiff.Lines(a.Body, b.Body);
        return (new VersionDiff(articleId, older, newer, Changes(a, b), lines,
            lines.Count(l => l.Operation is DiffOperation.Added), lines.Count(l => l.Operation is DiffOperation.Removed)), null);
    }

    static KnowledgeProblem NoVersion(string field, int number) =>
        new(Refusal.NotFound, $"The article has no version {number} that you may read ({field}).", field);

    static List<FieldChange> Changes(ArticleVersion a, ArticleVersion b)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add(new(field, before, after));
        }
        static string Join<T>(IEnumerable<T> items) => string.Join(", ", items);
        Compare("title", a.Title, b.Title);
        Compare("kind", a.Kind.ToString(), b.Kind.ToString());
        Compare("tags", Join(a.Tags), Join(b.Tags));
        Compare("serviceIds", Join(a.ServiceIds), Join(b.ServiceIds));
        Compare("processKeys", Join(a.ProcessKeys), Join(b.ProcessKeys));
        Compare("audience", a.Audience.ToString(), b.Audience.ToString());
        Compare("customerIds", Join(a.CustomerIds), Join(b.CustomerIds));
        Compare("framework", a.Framework, b.Framework);
        Compare("clause", a.Clause, b.Clause);
        return changes;
    }

    /// <summary>Readers' feedback on a readable article: all of it for the provider's people and the community's members, a customer's own organization's for its people.</summary>
    public async Task<IReadOnlyList<FeedbackView>?> FeedbackAsync(Guid articleId, CancellationToken ct = default)
    {
        if (!await Readable().AnyAsync(a => a.Id == articleId, ct)) return null;
        var rows = await db.ArticleFeedback.AsNoTracking().Where(f => f.ArticleId == articleId).OrderByDescending(f => f.At).Take(1000).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(f => f.PersonId), ct);
        return rows.Select(f => new FeedbackView(f.Id, f.PersonId, names.GetValueOrDefault(f.PersonId, ""), f.ReaderOrganizationId, f.VersionNumber,
            f.Helpful, f.Comment, f.At, f.Version)).ToList();
    }

    /// <summary>The articles tied to a record, as far as the actor may read them (a customer's person sees those published for them).</summary>
    public async Task<IReadOnlyList<ArticleLinkView>?> LinksAsync(RecordKind kind, Guid recordId, CancellationToken ct = default)
    {
        if (!await db.WorkRecords.AnyAsync(r => r.Id == recordId && r.Kind == kind, ct)) return null;
        return await (from l in db.RecordArticles.AsNoTracking()
                      join a in Readable() on l.ArticleId equals a.Id
                      where l.RecordId == recordId
                      orderby l.Id
                      select new ArticleLinkView(l.Id, l.RecordId, l.ArticleId, a.Title, a.Kind, a.State, l.Relation, l.LinkedById, l.At, l.Version))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The versions waiting for the actor's review: in review in a community where they review, not
    /// written by them, and not reviewed by them in the current round. Oldest submission first.
    /// </summary>
    public async Task<IReadOnlyList<ReviewWaiting>> ReviewsWaitingAsync(CancellationToken ct = default)
    {
        if (Actor.PersonId is not { } me) return [];
        var communities = await db.CommunityMembers.AsNoTracking()
            .Where(m => m.PersonId == me && (m.Role == MemberRole.Reviewer || m.Role == MemberRole.Moderator))
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => new { c.Id, c.Name, c.ReviewQuorum })
            .ToListAsync(ct);
        if (communities.Count == 0) return [];
        var ids = communities.Select(c => c.Id).ToList();
        var versions = await db.ArticleVersions.AsNoTracking()
            .Where(v => ids.Contains(v.CommunityId) && v.State == VersionState.InReview && !v.ContributorIds.Contains(me)
                && !db.ArticleReviews.Any(r => r.VersionId == v.Id && r.ReviewerId == me && r.IsCurrent && r.Round == v.Round))
            .OrderBy(v => v.SubmittedAt).Take(200).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var reviews = await db.ArticleReviews.AsNoTracking().Where(r => versionIds.Contains(r.VersionId)).ToListAsync(ct);
        var authors = await NamesAsync(versions.Select(v => v.AuthorId).OfType<Guid>(), ct);
        return versions.Select(v =>
        {
            var community = communities.First(c => c.Id == v.CommunityId);
            return new ReviewWaiting(v.ArticleId, v.CommunityId, community.Name, v.Title, v.Number, v.Round, v.AuthorId,
                v.AuthorId is { } author ? authors.GetValueOrDefault(author) : null, v.SubmittedAt, ArticleReview.ApprovalsOf(v, reviews), community.ReviewQuorum,
                reviews.Any(r => r.VersionId == v.Id && r.ReviewerId == me));
        }).ToList();
    }

    // ---- Communities ----

    /// <summary>The communities <paramref name="communities"/> selects, as the API shows them.</summary>
    public IQueryable<CommunityView> CommunityViews(IQueryable<Community> communities) =>
        communities.AsNoTracking().Select(c => new CommunityView(c.Id, c.ProviderId, c.Name, c.Purpose, c.Frameworks, c.ProcessKeys, c.SkillIds,
            c.ReviewQuorum, db.CommunityMembers.Count(m => m.CommunityId == c.Id), c.CreatedAt, c.Version));

    public Task<CommunityView?> CommunityAsync(Guid id, CancellationToken ct = default) =>
        CommunityViews(db.Communities.Where(c => c.Id == id)).SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<MemberView>?> MembersAsync(Guid communityId, CancellationToken ct = default)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct)) return null;
        // People and organizations past their filters: the membership is the community's, and a
        // contractor's member reads who the provider's members are.
        var members = await (from m in db.CommunityMembers.AsNoTracking()
                             join p in db.People.IgnoreQueryFilters() on m.PersonId equals p.Id
                             join o in db.Organizations.IgnoreQueryFilters() on m.PersonOrganizationId equals o.Id
                             where m.CommunityId == communityId
                             select new MemberView(p.Id, p.Name, o.Id, o.Name, m.Role, m.JoinedAt, m.Version))
            .ToListAsync(ct);
        // Moderators first, then reviewers, then members (the role is stored by name, which sorts otherwise).
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
    }
}
