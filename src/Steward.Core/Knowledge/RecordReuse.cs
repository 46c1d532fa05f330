using Microsoft.EntityFrameworkCore;
using Steward.Core.Records;

namespace Steward.Core.Knowledge;

/// <summary>
/// Keeps <see cref="WorkRecord.ResolvedWithArticle"/> true exactly while a UsedToResolve link ties
/// an article to the record. Called after links were added, changed or removed in the change
/// tracker and before the save, so that the stamp and the links are written together.
/// </summary>
public static class RecordReuse
{
    public static async Task StampAsync(StewardDbContext db, IEnumerable<Guid> records, CancellationToken ct)
    {
        var recordIds = records.Distinct().ToList();
        if (recordIds.Count == 0) return;
        // The links as this save leaves them: the tracked ones as changed here, the others as stored
        // (past the query filters: a link counts whoever may read its article).
        var tracked = db.ChangeTracker.Entries<RecordArticle>().Where(e => recordIds.Contains(e.Entity.RecordId)).ToList();
        var trackedIds = tracked.Select(e => e.Entity.Id).ToList();
        var reused = await db.RecordArticles.IgnoreQueryFilters().AsNoTracking()
            .Where(l => recordIds.Contains(l.RecordId) && l.Relation == ArticleRelation.UsedToResolve && !trackedIds.Contains(l.Id))
            .Select(l => l.RecordId).Distinct().ToListAsync(ct);
        reused.AddRange(tracked.Where(e => e.State is not (EntityState.Deleted or EntityState.Detached) && e.Entity.Relation == ArticleRelation.UsedToResolve)
            .Select(e => e.Entity.RecordId));
        // Only records whose stamp changes are loaded and written (and journaled).
        var stale = await db.WorkRecords.IgnoreQueryFilters()
            .Where(r => recordIds.Contains(r.Id) && (r.ResolvedWithArticle ? !reused.Contains(r.Id) : reused.Contains(r.Id))).ToListAsync(ct);
        foreach (var record in stale) record.ResolvedWithArticle = reused.Contains(record.Id);
    }
}
