using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Satisfaction;
using Steward.Server.Api;

namespace Steward.Server.Satisfaction;

/// <summary>A follow-up with the rating and comment that opened it, the record it is about, and the improvement raised from it.</summary>
public sealed record FollowUpView(Guid Id, Guid RecordId, string RecordNumber, string RecordTitle, Core.Records.RecordKind RecordKind, Guid? ServiceId, Guid? OwnerId,
    int Rating, int? Recommend, string? Comment, Guid RespondentId, FollowUpState State, string? Outcome, Instant OpenedAt, Instant? CompletedAt, Guid? CompletedById, long Version,
    Guid? ImprovementId = null);

/// <summary>POST /api/v1/satisfaction/follow-ups/{id}/complete: what was done about the rating.</summary>
public sealed record CompleteFollowUpBody([property: Required, StringLength(SurveyLimits.Comment), PlainText] string Outcome);

/// <summary>The follow-ups low ratings opened, as the report page and the record page read them.</summary>
public static class FollowUps
{
    /// <summary>Follow-ups in the actor's tenancy (the provider's people), newest first.</summary>
    public static IQueryable<FollowUpView> Views(StewardDbContext db, IQueryable<SatisfactionFollowUp> followUps) =>
        from f in followUps.AsNoTracking()
        join r in db.SurveyResponses.AsNoTracking() on f.ResponseId equals r.Id
        join w in db.WorkRecords.AsNoTracking() on f.RecordId equals w.Id
        orderby f.Id descending
        select new FollowUpView(f.Id, f.RecordId, w.Number, w.Title, w.Kind, f.ServiceId, f.OwnerId, f.Rating, r.Recommend, r.Comment, r.RespondentId,
            f.State, f.Outcome, f.OpenedAt, f.CompletedAt, f.CompletedById, f.Version,
            // The improvement raised from this follow-up, if any (the register's one-click source).
            db.Improvements.Where(i => i.Source == Core.Improvements.ImprovementSource.SatisfactionFollowUp && i.SourceId == f.Id).Select(i => (Guid?)i.Id).FirstOrDefault());

    /// <summary>Completes a follow-up under the version the caller read; the provider's people only (anyone else does not see it). Saves.</summary>
    public static async Task<(SatisfactionFollowUp? FollowUp, RuleViolation? Broken, bool Stale)> CompleteAsync(
        StewardDbContext db, Guid id, Func<SatisfactionFollowUp, bool> expect, string outcome, Instant now, CancellationToken ct)
    {
        var followUp = await db.SatisfactionFollowUps.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (followUp is null) return (null, null, false);
        if (!expect(followUp)) return (followUp, null, true);
        if (!Records.RecordWorkflow.IsStaff(db.Actor, followUp.ProviderId))
            return (followUp, new("Only the provider's people complete a follow-up."), false);
        if (followUp.Complete(db.Actor.PersonId, outcome, now) is { } broken) return (followUp, broken, false);
        await db.SaveChangesAsync(ct);
        return (followUp, null, false);
    }
}
