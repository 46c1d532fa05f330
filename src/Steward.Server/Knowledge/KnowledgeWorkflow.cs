using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Identity;
using Steward.Core.Knowledge;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Server.Api;
using Steward.Server.Identity;
using Steward.Server.Portfolio;
using Steward.Server.Records;

namespace Steward.Server.Knowledge;

/// <summary>Whether the version the caller read is still the current one: If-Match for the API, the version a page showed for the pages.</summary>
public delegate bool VersionCheck(long current);

/// <summary>
/// Every change to communities and articles goes through here, for the API and the pages alike:
/// the membership and lifecycle rules of Steward.Core.Knowledge, the checks of what an article
/// refers to against its provider, the bell, and the save. Each method is one operation that
/// saves, or a <see cref="KnowledgeProblem"/> saying why not and changing nothing.
/// </summary>
/// <remarks>
/// Reads go through the caller's query filters (tenancy). A change to an article finds it there and
/// then asks the caller's membership (403 for a colleague who is no member); what readers act on
/// (feedback, deflections, links) goes through <see cref="KnowledgeReader.Readable"/>.
/// </remarks>
public sealed class KnowledgeWorkflow(StewardDbContext db, IClock clock, IdentityCache identities)
{
    public static readonly VersionCheck AnyVersion = _ => true;

    public Instant Now { get; } = clock.GetCurrentInstant();

    Actor Actor => db.Actor;
    Guid? Me => db.Actor.PersonId;
    KnowledgeReader Reader => reader ??= new KnowledgeReader(db);
    KnowledgeReader? reader;
    KnowledgeNotices Notices => notices ??= new KnowledgeNotices(db);
    KnowledgeNotices? notices;

    // ---- Communities ----

    /// <summary>Whether the actor sets up the provider's communities: an administrator, or a manager of the provider.</summary>
    public static bool ManagesCommunitiesOf(Actor actor, Guid providerId) => actor.Type is Actor.Kind.System
        || (!actor.IsReadOnly && actor.Sees(providerId) && Access.RolesOf[Access.ManageCommunities].Any(actor.IsInRole));

    /// <summary>The actor's membership of the community; null when not a member.</summary>
    public Task<CommunityMember?> MembershipAsync(Guid communityId, CancellationToken ct = default) => Me is { } me
        ? db.CommunityMembers.AsNoTracking().SingleOrDefaultAsync(m => m.CommunityId == communityId && m.PersonId == me, ct)
        : Task.FromResult<CommunityMember?>(null);

    async Task<KnowledgeProblem?> MayManageAsync(Community community, CancellationToken ct) =>
        ManagesCommunitiesOf(Actor, community.ProviderId) || (await MembershipAsync(community.Id, ct))?.Role is MemberRole.Moderator
            ? null
            : new(Refusal.Forbidden, "Only the community's moderators and the provider's managers change the community and its members.");

    public async Task<(Community? Community, KnowledgeProblem? Problem)> CreateCommunityAsync(CommunityBody body, CancellationToken ct = default)
    {
        Guid providerId;
        if (body.ProviderId is { } named) providerId = named;
        else if (Actor.OrganizationId is { } own && await db.ActiveProviderAsync(own, ct) is not null) providerId = own;
        else return (null, KnowledgeProblem.Invalid("providerId", "Name the provider whose community it is (providerId)."));
        if (!Actor.Sees(providerId) || await db.ActiveProviderAsync(providerId, ct) is null)
            return (null, KnowledgeProblem.Invalid("providerId", "No active provider with this id exists in your tenancy."));
        if (!ManagesCommunitiesOf(Actor, providerId))
            return (null, new(Refusal.Forbidden, "Only the provider's managers set up its communities."));
        var community = new Community { ProviderId = providerId, Name = body.Name.Trim(), CreatedAt = Now };
        if (await ApplyAsync(community, body, ct) is { } problem) return (null, problem);
        db.Communities.Add(community);
        await db.SaveChangesAsync(ct);
        return (community, null);
    }

    /// <summary>Changes the community's name and the fields the body gives; a field left out (null) stays as it is.</summary>
    public async Task<(Community? Community, KnowledgeProblem? Problem)> UpdateCommunityAsync(Guid id, VersionCheck expected, CommunityBody body, CancellationToken ct = default)
    {
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (community is null) return (null, KnowledgeProblem.NotFound("community"));
        if (!expected(community.Version)) return (null, KnowledgeProblem.Stale(community.Version));
        if (await MayManageAsync(community, ct) is { } refused) return (null, refused);
        if (body.ProviderId is { } provider && provider != community.ProviderId)
            return (null, KnowledgeProblem.Invalid("providerId", "A community stays with its provider."));
        if (await ApplyAsync(community, body, ct) is { } problem) return (null, problem);
        await db.SaveChangesAsync(ct);
        return (community, null);
    }

    async Task<KnowledgeProblem?> ApplyAsync(Community community, CommunityBody body, CancellationToken ct)
    {
        var name = body.Name.Trim();
        var key = Organization.KeyOf(name);
        if (await db.Communities.IgnoreQueryFilters().AnyAsync(c => c.ProviderId == community.ProviderId && c.NameKey == key && c.Id != community.Id, ct))
            return KnowledgeProblem.Invalid("name", $"The provider already has a community named '{name}'.");
        List<string>? frameworks = null;
        if (body.Frameworks is { } givenFrameworks)
        {
            frameworks = [];
            for (var i = 0; i < givenFrameworks.Length; i++)
            {
                if (givenFrameworks[i]?.Trim() is not { } framework || !Frameworks.IsKnown(framework))
                    return KnowledgeProblem.Invalid($"frameworks[{i}]", $"A framework is one of {string.Join(", ", Frameworks.All)}.");
                if (!frameworks.Contains(framework)) frameworks.Add(framework);
            }
        }
        List<string>? processKeys = null;
        if (body.ProcessKeys is { } givenKeys)
        {
            var library = await db.CatalogOfAsync(community.ProviderId, ct);
            processKeys = [];
            for (var i = 0; i < givenKeys.Length; i++)
            {
                if (givenKeys[i]?.Trim() is not { } processKey || library.Find(processKey) is null)
                    return KnowledgeProblem.Invalid($"processKeys[{i}]", "No process of the provider's library has this key (see /api/v1/processes).");
                if (!processKeys.Contains(processKey)) processKeys.Add(processKey);
            }
        }
        List<Guid>? skills = null;
        if (body.SkillIds is { } givenSkills)
        {
            skills = givenSkills.Distinct().ToList();
            var known = await db.Skills.Where(s => skills.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var unknown = Array.FindIndex(givenSkills, s => !known.Contains(s));
            if (unknown >= 0) return KnowledgeProblem.Invalid($"skillIds[{unknown}]", "No skill of the skills catalogue has this id.");
        }
        if (body.ReviewQuorum is { } quorum && Community.CheckQuorum(quorum) is { } badQuorum) return KnowledgeProblem.Of(badQuorum);

        community.Name = name;
        if (body.Purpose is { } purpose) community.Purpose = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
        if (frameworks is not null) community.Frameworks = frameworks;
        if (processKeys is not null) community.ProcessKeys = processKeys;
        if (skills is not null) community.SkillIds = skills;
        if (body.ReviewQuorum is { } q) community.ReviewQuorum = q;
        return null;
    }

    /// <summary>A community goes only while it has no articles: they would have nowhere to belong. Its memberships go with it.</summary>
    public async Task<KnowledgeProblem?> DeleteCommunityAsync(Guid id, VersionCheck expected, CancellationToken ct = default)
    {
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (community is null) return KnowledgeProblem.NotFound("community");
        if (!expected(community.Version)) return KnowledgeProblem.Stale(community.Version);
        if (!ManagesCommunitiesOf(Actor, community.ProviderId))
            return new(Refusal.Forbidden, "Only the provider's managers delete its communities.");
        var articles = await db.KnowledgeArticles.IgnoreQueryFilters().CountAsync(a => a.CommunityId == id, ct);
        if (articles > 0) return KnowledgeProblem.Conflict($"The community has {articles} article(s); they belong to it, so it stays.");
        db.CommunityMembers.RemoveRange(await db.CommunityMembers.IgnoreQueryFilters().Where(m => m.CommunityId == id).ToListAsync(ct));
        db.Communities.Remove(community);
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return null;
    }

    /// <summary>
    /// Adds the person with the role, or gives a member the role (<c>Created</c> false). The provider's
    /// people and its suppliers' and contractors' may be members; customers' people may not (409).
    /// </summary>
    public async Task<(MemberView? Member, bool Created, KnowledgeProblem? Problem)> AddMemberAsync(Guid communityId, Guid personId, MemberRole role, CancellationToken ct = default)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null) return (null, false, KnowledgeProblem.NotFound("community"));
        if (await MayManageAsync(community, ct) is { } refused) return (null, false, refused);
        if (!Enum.IsDefined(role)) return (null, false, KnowledgeProblem.Invalid("role", "The role is Moderator, Reviewer or Member."));
        // People are read past their filter: a contractor's moderator adds a colleague of the provider.
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId && p.ArchivedAt == null, ct);
        var organization = person is null ? null : await db.Organizations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == person.OrganizationId, ct);
        var engaged = organization is not null && await db.PartnerRelationships.IgnoreQueryFilters()
            .AnyAsync(r => r.ProviderId == community.ProviderId && r.PartnerId == organization.Id, ct);
        if (person is null || organization is null || (organization.Id != community.ProviderId && !engaged))
            return (null, false, KnowledgeProblem.Invalid("personId", "No active person of the provider or of an organization it works with has this id."));
        if (CommunityMember.CheckEligible(community.ProviderId, organization, engaged, person.Name) is { } ineligible)
            return (null, false, KnowledgeProblem.Of(ineligible));

        var member = await db.CommunityMembers.SingleOrDefaultAsync(m => m.CommunityId == communityId && m.PersonId == personId, ct);
        var created = member is null;
        if (member is null)
        {
            member = new CommunityMember
            {
                CommunityId = communityId, ProviderId = community.ProviderId, PersonId = personId, PersonOrganizationId = organization.Id,
                Role = role, JoinedAt = Now,
            };
            db.CommunityMembers.Add(member);
        }
        else member.Role = role;
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return (new MemberView(person.Id, person.Name, organization.Id, organization.Name, member.Role, member.JoinedAt, member.Version), created, null);
    }

    public async Task<KnowledgeProblem?> RemoveMemberAsync(Guid communityId, Guid personId, VersionCheck expected, CancellationToken ct = default)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null) return KnowledgeProblem.NotFound("community");
        var member = await db.CommunityMembers.SingleOrDefaultAsync(m => m.CommunityId == communityId && m.PersonId == personId, ct);
        if (member is null) return new(Refusal.NotFound, "The person is not a member of this community.");
        if (!expected(member.Version)) return KnowledgeProblem.Stale(member.Version);
        // Anyone may leave a community; others are removed by its moderators and the provider's managers.
        if (personId != Me && await MayManageAsync(community, ct) is { } refused) return refused;
        db.CommunityMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        identities.InvalidateScopes();
        return null;
    }

    // ---- Articles ----

    /// <summary>A new article of the input's community, its first version a draft by the caller, who must be a member.</summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> CreateArticleAsync(ArticleInput input, CancellationToken ct = default)
    {
        if (input.CommunityId is not { } communityId) return (null, KnowledgeProblem.Invalid("communityId", "Name the community the article is written in."));
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null) return (null, KnowledgeProblem.Invalid("communityId", "No community with this id exists in your reach."));
        var member = await MembershipAsync(communityId, ct);
        if (KnowledgeRules.MayWrite(member) is { } refused) return (null, KnowledgeProblem.Forbidden(refused));
        var owner = input.OwnerId ?? Me!.Value;
        if (owner != Me && !await IsMemberAsync(communityId, owner, ct))
            return (null, KnowledgeProblem.Invalid("ownerId", "The owner is a member of the article's community."));
        var content = input.ToContent();
        if (await CheckContentAsync(community, content, ct) is { } problem) return (null, problem);
        var (article, first) = KnowledgeArticle.Create(community, owner, Me, content, Now);
        db.KnowledgeArticles.Add(article);
        db.ArticleVersions.Add(first);
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    /// <summary>
    /// Writes the input as the article's next text: into the version in the works, or a new draft
    /// version while readers keep reading the published one.
    /// </summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> EditArticleAsync(Guid id, VersionCheck expected, ArticleInput input, CancellationToken ct = default)
    {
        var (article, community, member, problem) = await ForChangeAsync(id, expected, ct);
        if (problem is not null) return (null, problem);
        if (KnowledgeRules.MayWrite(member) is { } refused) return (null, KnowledgeProblem.Forbidden(refused));
        if (input.CommunityId is { } moved && moved != article!.CommunityId)
            return (null, KnowledgeProblem.Invalid("communityId", "An article stays in the community it was written in."));
        if (input.OwnerId is { } owner && owner != article!.OwnerId)
        {
            if (KnowledgeRules.MayEnd(member, article, Me!.Value) is not null)
                return (null, new(Refusal.Forbidden, "Only the article's owner and the community's moderators hand the article to another owner."));
            if (!await IsMemberAsync(article.CommunityId, owner, ct))
                return (null, KnowledgeProblem.Invalid("ownerId", "The owner is a member of the article's community."));
        }
        var content = input.ToContent();
        if (await CheckContentAsync(community!, content, ct) is { } bad) return (null, bad);
        var working = await VersionAsync(article!.WorkingVersionId, ct);
        if (article.Edit(working, content, Me, Now, out var started) is { } broken) return (null, KnowledgeProblem.Of(broken));
        if (started is not null) db.ArticleVersions.Add(started);
        if (input.OwnerId is { } newOwner) article.OwnerId = newOwner;
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    /// <summary>Sends the version in the works to review; the community's reviewers who did not write it are told in the bell.</summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> SubmitAsync(Guid id, VersionCheck expected, CancellationToken ct = default)
    {
        var (article, community, member, problem) = await ForChangeAsync(id, expected, ct);
        if (problem is not null) return (null, problem);
        if (KnowledgeRules.MayWrite(member) is { } refused) return (null, KnowledgeProblem.Forbidden(refused));
        var working = await VersionAsync(article!.WorkingVersionId, ct);
        if (article.Submit(working, Now) is { } broken) return (null, KnowledgeProblem.Of(broken));
        await Notices.AskReviewersAsync(community!, working!, Now, ct);
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    /// <summary>
    /// A review of the version in review by a reviewer or moderator who did not write it. Approvals
    /// that reach the quorum publish it; two reviewers approving at once are serialised by the
    /// article's version (the second is retried once it sees the first).
    /// </summary>
    public async Task<(ArticleReview? Review, KnowledgeArticle? Article, KnowledgeProblem? Problem)> ReviewAsync(
        Guid id, ReviewVerdict verdict, string? comment, int? versionNumber, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReviewOnceAsync(id, verdict, comment, versionNumber, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<(ArticleReview?, KnowledgeArticle?, KnowledgeProblem?)> ReviewOnceAsync(Guid id, ReviewVerdict verdict, string? comment, int? versionNumber, CancellationToken ct)
    {
        var (article, community, member, problem) = await ForChangeAsync(id, AnyVersion, ct);
        if (problem is not null) return (null, null, problem);
        var working = await VersionAsync(article!.WorkingVersionId, ct);
        if (KnowledgeRules.MayReview(member, working, Me!.Value) is { } refused) return (null, null, KnowledgeProblem.Forbidden(refused));
        if (versionNumber is { } read && working?.Number != read)
            return (null, null, KnowledgeProblem.Conflict(working is { State: VersionState.InReview }
                ? $"You read version {read}; version {working.Number} is the one in review now."
                : $"Version {read} is not in review any more."));
        var reviews = working is null ? [] : await db.ArticleReviews.Where(r => r.VersionId == working.Id).ToListAsync(ct);
        var published = await VersionAsync(article.PublishedVersionId, ct);
        if (article.Review(working, published, Me.Value, verdict, comment, reviews, community!.ReviewQuorum, Now, out var review) is { } broken)
            return (null, null, KnowledgeProblem.Of(broken));
        db.ArticleReviews.Add(review!);
        if (verdict is ReviewVerdict.RequestChanges) await Notices.TellChangesRequestedAsync(article, working!, review!, Now, ct);
        else if (working!.State is VersionState.Published) Notices.TellPublished(article, working, Now);
        await db.SaveChangesAsync(ct);
        return (review, article, null);
    }

    /// <summary>Publishes the version in review: by any member once the quorum approved it, below it by a moderator who did not write it.</summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> PublishAsync(Guid id, VersionCheck expected, CancellationToken ct = default)
    {
        var (article, community, member, problem) = await ForChangeAsync(id, expected, ct);
        if (problem is not null) return (null, problem);
        var working = await VersionAsync(article!.WorkingVersionId, ct);
        var approvals = working is null ? 0 : ArticleReview.ApprovalsOf(working, await db.ArticleReviews.AsNoTracking().Where(r => r.VersionId == working.Id).ToListAsync(ct));
        var (moderator, refused) = KnowledgeRules.MayPublish(member, working, Me!.Value, approvals, community!.ReviewQuorum);
        if (refused is not null) return (null, KnowledgeProblem.Forbidden(refused));
        var published = await VersionAsync(article.PublishedVersionId, ct);
        if (article.Publish(working, published, approvals, community.ReviewQuorum, moderator, Now) is { } broken) return (null, KnowledgeProblem.Of(broken));
        Notices.TellPublished(article, working!, Now);
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    /// <summary>Retires a published article: by its owner or a moderator.</summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> RetireAsync(Guid id, VersionCheck expected, CancellationToken ct = default)
    {
        var (article, _, member, problem) = await ForChangeAsync(id, expected, ct);
        if (problem is not null) return (null, problem);
        if (KnowledgeRules.MayEnd(member, article!, Me!.Value) is { } refused) return (null, KnowledgeProblem.Forbidden(refused));
        var working = await VersionAsync(article!.WorkingVersionId, ct);
        var published = await VersionAsync(article.PublishedVersionId, ct);
        if (article.Retire(working, published, Now) is { } broken) return (null, KnowledgeProblem.Of(broken));
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    /// <summary>Deletes an article never published, with its versions and reviews (each journaled).</summary>
    public async Task<KnowledgeProblem?> DeleteArticleAsync(Guid id, VersionCheck expected, CancellationToken ct = default)
    {
        var (article, _, member, problem) = await ForChangeAsync(id, expected, ct);
        if (problem is not null) return problem;
        if (KnowledgeRules.MayEnd(member, article!, Me!.Value) is { } refused) return KnowledgeProblem.Forbidden(refused);
        if (article!.CheckDeletable() is { } broken) return KnowledgeProblem.Of(broken);
        db.ArticleReviews.RemoveRange(await db.ArticleReviews.Where(r => r.ArticleId == id).ToListAsync(ct));
        var links = await db.RecordArticles.IgnoreQueryFilters().Where(l => l.ArticleId == id).ToListAsync(ct);
        db.RecordArticles.RemoveRange(links);
        await RecordReuse.StampAsync(db, links.Select(l => l.RecordId), ct);
        db.ArticleVersions.RemoveRange(await db.ArticleVersions.Where(v => v.ArticleId == id).ToListAsync(ct));
        db.KnowledgeArticles.Remove(article);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The article in the caller's tenancy, tracked, its community, and the caller's membership; the
    /// article must be at the version the caller read. The caller must be a person: rules speak of
    /// authors and reviewers. A draft that the caller may not read is still found here, so that a
    /// colleague of the provider who is no member hears why not (403) rather than "not found".
    /// </summary>
    async Task<(KnowledgeArticle?, Community?, CommunityMember?, KnowledgeProblem?)> ForChangeAsync(Guid id, VersionCheck expected, CancellationToken ct)
    {
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return (null, null, null, KnowledgeProblem.NotFound("article"));
        if (!expected(article.Version)) return (null, null, null, KnowledgeProblem.Stale(article.Version));
        if (Me is null) return (null, null, null, new(Refusal.Forbidden, "Articles are written and reviewed by people; this token acts for no person."));
        // The community is the article's provider's: read past the filter for a reader who sees only the article.
        var community = await db.Communities.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == article.CommunityId, ct);
        return (article, community, await MembershipAsync(article.CommunityId, ct), null);
    }

    Task<ArticleVersion?> VersionAsync(Guid? id, CancellationToken ct) =>
        id is { } versionId ? db.ArticleVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct) : Task.FromResult<ArticleVersion?>(null);

    Task<bool> IsMemberAsync(Guid communityId, Guid personId, CancellationToken ct) =>
        db.CommunityMembers.IgnoreQueryFilters().AnyAsync(m => m.CommunityId == communityId && m.PersonId == personId, ct);

    /// <summary>What the content refers to, checked against the community's provider: its services, its processes, its customers, and the frameworks the community interprets.</summary>
    async Task<KnowledgeProblem?> CheckContentAsync(Community community, ArticleContent content, CancellationToken ct)
    {
        if (content.Check() is { } broken) return KnowledgeProblem.Of(broken);
        var provider = community.ProviderId;
        if (content.ServiceIds.Count > 0)
        {
            var ids = content.ServiceIds.ToList();
            var known = await db.Services.IgnoreQueryFilters().Where(s => s.ProviderId == provider && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            for (var i = 0; i < ids.Count; i++)
                if (!known.Contains(ids[i])) return KnowledgeProblem.Invalid($"serviceIds[{i}]", "No service of the community's provider has this id.");
        }
        var library = await db.CatalogOfAsync(provider, ct);
        for (var i = 0; i < content.ProcessKeys.Count; i++)
            if (library.Find(content.ProcessKeys[i]) is null)
                return KnowledgeProblem.Invalid($"processKeys[{i}]", "No process of the provider's library has this key (see /api/v1/processes).");
        if (content.CustomerIds.Count > 0)
        {
            var ids = content.CustomerIds.ToList();
            var customers = await (from r in db.PartnerRelationships.IgnoreQueryFilters()
                                   join o in db.Organizations.IgnoreQueryFilters() on r.PartnerId equals o.Id
                                   where r.ProviderId == provider && ids.Contains(o.Id) && o.Kind == OrganizationKind.Customer
                                   select o.Id).ToListAsync(ct);
            for (var i = 0; i < ids.Count; i++)
                if (!customers.Contains(ids[i])) return KnowledgeProblem.Invalid($"customerIds[{i}]", "No customer of the community's provider has this id.");
        }
        if (content.Reference is { } reference)
        {
            if (!Frameworks.IsKnown(reference.Framework))
                return KnowledgeProblem.Invalid("framework", $"The framework is one of {string.Join(", ", Frameworks.All)}.");
            if (community.Frameworks.Count > 0 && !community.Frameworks.Contains(reference.Framework))
                return KnowledgeProblem.Invalid("framework", $"The community interprets {string.Join(", ", community.Frameworks)}.");
            if (Frameworks.Check(reference, library) is { } badReference) return KnowledgeProblem.Of(badReference);
        }
        return null;
    }

    // ---- Readers ----

    /// <summary>A reader's helpful or not on the published article; saying it again replaces the earlier word (<c>Created</c> false).</summary>
    public async Task<(FeedbackView? Feedback, bool Created, KnowledgeProblem? Problem)> GiveFeedbackAsync(Guid id, bool helpful, string? comment, CancellationToken ct = default)
    {
        var (article, problem) = await PublishedForReaderAsync(id, ct);
        if (problem is not null) return (null, false, problem);
        var me = Me!.Value;
        var feedback = await db.ArticleFeedback.SingleOrDefaultAsync(f => f.ArticleId == id && f.PersonId == me, ct);
        var created = feedback is null;
        if (feedback is null)
        {
            feedback = new ArticleFeedback
            {
                ArticleId = id, ProviderId = article!.ProviderId, CommunityId = article.CommunityId, PersonId = me,
                ReaderOrganizationId = Actor.OrganizationId!.Value,
            };
            db.ArticleFeedback.Add(feedback);
        }
        feedback.Helpful = helpful;
        feedback.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        feedback.VersionNumber = article!.PublishedVersionNumber ?? 0;
        feedback.At = Now;
        await db.SaveChangesAsync(ct);
        var name = await db.People.IgnoreQueryFilters().Where(p => p.Id == me).Select(p => p.Name).SingleAsync(ct);
        return (new FeedbackView(feedback.Id, me, name, feedback.ReaderOrganizationId, feedback.VersionNumber, feedback.Helpful, feedback.Comment, feedback.At, feedback.Version), created, null);
    }

    /// <summary>"This solved it": counted for the article, and no record is raised.</summary>
    public async Task<(DeflectionView? Deflection, KnowledgeProblem? Problem)> DeflectAsync(Guid id, string? query, Guid? serviceId, CancellationToken ct = default)
    {
        var (article, problem) = await PublishedForReaderAsync(id, ct);
        if (problem is not null) return (null, problem);
        if (serviceId is { } service && !await db.Services.AnyAsync(s => s.Id == service && s.ProviderId == article!.ProviderId, ct))
            return (null, KnowledgeProblem.Invalid("serviceId", "No service of the article's provider that you use has this id."));
        var deflection = new KnowledgeDeflection
        {
            ArticleId = id, ProviderId = article!.ProviderId, CommunityId = article.CommunityId, PersonId = Me!.Value,
            ReaderOrganizationId = Actor.OrganizationId!.Value, ServiceId = serviceId,
            Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim(), At = Now,
        };
        db.KnowledgeDeflections.Add(deflection);
        await db.SaveChangesAsync(ct);
        var count = await db.KnowledgeDeflections.IgnoreQueryFilters().CountAsync(d => d.ArticleId == id, ct);
        return (new DeflectionView(deflection.Id, id, serviceId, deflection.At, count), null);
    }

    async Task<(KnowledgeArticle?, KnowledgeProblem?)> PublishedForReaderAsync(Guid id, CancellationToken ct)
    {
        var article = await Reader.Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return (null, KnowledgeProblem.NotFound("article"));
        if (Me is null || Actor.OrganizationId is null) return (null, new(Refusal.Forbidden, "Readers' feedback comes from people; this token acts for no person."));
        if (!article.IsPublished) return (null, KnowledgeProblem.Conflict("The article is not published; readers speak of the published text."));
        return (article, null);
    }

    // ---- Records ----

    /// <summary>
    /// Ties a published article of the record's provider to the record, or changes how (<c>Created</c>
    /// false). A record resolved with a UsedToResolve link counts as the article's reuse.
    /// </summary>
    public async Task<(ArticleLinkView? Link, bool Created, KnowledgeProblem? Problem)> LinkAsync(RecordKind kind, Guid recordId, Guid articleId, ArticleRelation relation, CancellationToken ct = default)
    {
        var (record, problem) = await RecordForStaffAsync(kind, recordId, ct);
        if (problem is not null) return (null, false, problem);
        if (!Enum.IsDefined(relation)) return (null, false, KnowledgeProblem.Invalid("relation", "The relation is UsedToResolve or Related."));
        var article = await Reader.Readable().AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId && a.ProviderId == record!.ProviderId, ct);
        if (article is null) return (null, false, KnowledgeProblem.Invalid("articleId", "No article of the record's provider that you may read has this id."));
        if (!article.IsPublished) return (null, false, KnowledgeProblem.Conflict("Only a published article is tied to records: readers of the record read the published text."));
        var (link, created) = await TieAsync(record!, article, relation, ct);
        await RecordReuse.StampAsync(db, [record!.Id], ct);
        await db.SaveChangesAsync(ct);
        return (LinkView(link, article), created, null);
    }

    async Task<(RecordArticle Link, bool Created)> TieAsync(WorkRecord record, KnowledgeArticle article, ArticleRelation relation, CancellationToken ct)
    {
        var link = await db.RecordArticles.SingleOrDefaultAsync(l => l.RecordId == record.Id && l.ArticleId == article.Id, ct);
        if (link is not null)
        {
            link.Relation = relation;
            return (link, false);
        }
        link = new RecordArticle
        {
            RecordId = record.Id, ArticleId = article.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, CommunityId = article.CommunityId,
            Relation = relation, LinkedById = Me, At = Now,
        };
        db.RecordArticles.Add(link);
        return (link, true);
    }

    public async Task<KnowledgeProblem?> UnlinkAsync(RecordKind kind, Guid recordId, Guid articleId, CancellationToken ct = default)
    {
        var (_, problem) = await RecordForStaffAsync(kind, recordId, ct);
        if (problem is not null) return problem;
        var link = await db.RecordArticles.SingleOrDefaultAsync(l => l.RecordId == recordId && l.ArticleId == articleId, ct);
        if (link is null) return new(Refusal.NotFound, "The article is not tied to this record.");
        db.RecordArticles.Remove(link);
        await RecordReuse.StampAsync(db, [recordId], ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    async Task<(WorkRecord?, KnowledgeProblem?)> RecordForStaffAsync(RecordKind kind, Guid recordId, CancellationToken ct)
    {
        var record = await db.WorkRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId && r.Kind == kind, ct);
        if (record is null) return (null, KnowledgeProblem.NotFound(kind is RecordKind.Incident ? "incident" : "request"));
        if (!RecordWorkflow.IsStaff(Actor, record.ProviderId))
            return (null, new(Refusal.Forbidden, "Only the provider's people tie articles to its records."));
        return (record, null);
    }

    /// <summary>
    /// "Write an article from this record": a KnownErrorWorkaround prefilled from a resolved incident,
    /// its symptoms from the description and its workaround from the resolution, filed under its
    /// service and process. Nothing is saved; <see cref="DraftFromRecordAsync"/> saves it.
    /// </summary>
    public async Task<(ArticleInput? Input, KnowledgeProblem? Problem)> PrefillFromRecordAsync(Guid recordId, CancellationToken ct = default)
    {
        var (record, problem) = await RecordForStaffAsync(RecordKind.Incident, recordId, ct);
        if (problem is not null) return (null, problem);
        if (record!.State is not (RecordState.Resolved or RecordState.Closed))
            return (null, KnowledgeProblem.Conflict($"{record.Number} is {record.State}; an article is written from a resolved incident, whose resolution is its workaround."));
        var service = record.ServiceId is { } serviceId
            ? await db.Services.IgnoreQueryFilters().Where(s => s.Id == serviceId).Select(s => s.Name).SingleOrDefaultAsync(ct)
            : null;
        var body = new System.Text.StringBuilder()
            .Append("## Symptoms\n\n").Append(string.IsNullOrWhiteSpace(record.Description) ? record.Title : record.Description.Trim()).Append("\n\n")
            .Append("## Workaround\n\n").Append(string.IsNullOrWhiteSpace(record.Resolution) ? "(Describe the workaround.)" : record.Resolution.Trim()).Append("\n\n");
        if (service is not null) body.Append("## Applies to\n\n").Append("Service: ").Append(service).Append("\n\n");
        body.Append("_Written from ").Append(record.Number).Append("._\n");
        var text = body.ToString();
        if (text.Length > KnowledgeLimits.Body) text = text[..KnowledgeLimits.Body];
        var title = record.Title.Length > KnowledgeLimits.Title ? record.Title[..KnowledgeLimits.Title] : record.Title;
        return (new ArticleInput(title, text, ArticleKind.KnownErrorWorkaround, null, [], record.ServiceId is { } s ? [s] : [],
            [record.ProcessKey], ArticleAudience.Internal, [], null, null, null), null);
    }

    /// <summary>Saves the prefilled article as a draft of the community, tied to the incident it was written from (Related).</summary>
    public async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> DraftFromRecordAsync(Guid recordId, Guid communityId, CancellationToken ct = default)
    {
        var (input, problem) = await PrefillFromRecordAsync(recordId, ct);
        if (problem is not null) return (null, problem);
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == communityId, ct);
        var record = await db.WorkRecords.AsNoTracking().SingleAsync(r => r.Id == recordId, ct);
        if (community is null || community.ProviderId != record.ProviderId)
            return (null, KnowledgeProblem.Invalid("communityId", "No community of the incident's provider has this id."));
        // The provider's library may not run the record's process under that key any more: file it only where the library still does.
        var library = await db.CatalogOfAsync(community.ProviderId, ct);
        input = input! with { CommunityId = communityId, ProcessKeys = [.. input.ProcessKeys.Where(k => library.Find(k) is not null)] };
        var (article, failed) = await CreateArticleAsync(input, ct);
        if (failed is not null) return (null, failed);
        await TieAsync(record, article!, ArticleRelation.Related, ct);
        await db.SaveChangesAsync(ct);
        return (article, null);
    }

    static ArticleLinkView LinkView(RecordArticle l, KnowledgeArticle a) =>
        new(l.Id, l.RecordId, l.ArticleId, a.Title, a.Kind, a.State, l.Relation, l.LinkedById, l.At, l.Version);
}
