using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Server.Knowledge;

namespace Steward.Server.Ui.Knowledge;

/// <summary>
/// "Write an article from this record", as the editor saves it: the workflow's prefill decides
/// whether the incident may give an article (the provider's people, a resolved incident), the
/// workflow creates the draft from what the author made of the prefill, and the draft is tied to
/// the incident as Related, as <see cref="KnowledgeWorkflow.DraftFromRecordAsync"/> ties its own.
/// </summary>
public static class ArticleFromRecord
{
    public static async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> CreateAsync(
        KnowledgeWorkflow flow, StewardDbContext db, Guid recordId, ArticleInput input, CancellationToken ct = default)
    {
        var (_, refused) = await flow.PrefillFromRecordAsync(recordId, ct);
        if (refused is not null) return (null, refused);
        var record = await db.WorkRecords.AsNoTracking().SingleAsync(r => r.Id == recordId, ct);
        var community = input.CommunityId is { } id ? await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        if (community is not null && community.ProviderId != record.ProviderId)
            return (null, KnowledgeProblem.Invalid("communityId", "No community of the incident's provider has this id."));
        var (article, problem) = await flow.CreateArticleAsync(input, ct);
        if (problem is not null) return (null, problem);
        db.RecordArticles.Add(new RecordArticle
        {
            RecordId = record.Id, ArticleId = article!.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, CommunityId = article.CommunityId,
            Relation = ArticleRelation.Related, LinkedById = db.Actor.PersonId, At = flow.Now,
        });
        await db.SaveChangesAsync(ct);
        return (article, null);
    }
}
