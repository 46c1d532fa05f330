using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Satisfaction;
using Steward.Server.Api;

namespace Steward.Server.Satisfaction;

/// <summary>An open invitation as its invitee reads it: the survey, the record it asks about, the questions and how long it stays open.</summary>
public sealed record InvitationView(Guid Id, Guid SurveyId, string SurveyName, Guid? RecordId, string? RecordNumber, string? RecordTitle,
    Core.Records.RecordKind? RecordKind, SurveyQuestionsView Questions, Instant InvitedAt, Instant ExpiresAt, Instant? RespondedAt);

/// <summary>The answer as it was stored.</summary>
public sealed record ResponseView(Guid Id, Guid InvitationId, Guid SurveyId, Guid? RecordId, int Rating, int? Recommend, string? Comment, Instant RespondedAt,
    Guid? FollowUpId)
{
    public static ResponseView Of(SurveyResponse r, Guid? followUpId) =>
        new(r.Id, r.InvitationId, r.SurveyId, r.RecordId, r.Rating, r.Recommend, r.Comment, r.RespondedAt, followUpId);
}

/// <summary>Answering a survey, for the API and the survey page alike: the invitee only, once, before it closes.</summary>
public static class SurveyAnswers
{
    /// <summary>The acting person's invitations (nobody's for an actor who is no person); <paramref name="openAt"/> keeps those still open then.</summary>
    public static async Task<List<InvitationView>> MineAsync(StewardDbContext db, Instant? openAt, Guid? invitationId, int take, CancellationToken ct)
    {
        var me = db.Actor.PersonId;
        var mine = db.SurveyInvitations.AsNoTracking().Where(i => me != null && i.InviteeId == me);
        if (invitationId is { } id) mine = mine.Where(i => i.Id == id);
        if (openAt is { } now) mine = mine.Where(i => i.RespondedAt == null && i.ExpiresAt > now);
        // The survey and the record are the provider's; the invitee reads them here for this invitation only.
        return await (from i in mine
                      join s in db.Surveys.IgnoreQueryFilters() on i.SurveyId equals s.Id
                      join r in db.WorkRecords.IgnoreQueryFilters() on i.RecordId equals r.Id into about
                      from r in about.DefaultIfEmpty()
                      orderby i.Id descending
                      select new InvitationView(i.Id, i.SurveyId, s.Name, i.RecordId, r == null ? null : r.Number, r == null ? null : r.Title, i.RecordKind,
                          new SurveyQuestionsView(true, i.AsksRecommend, i.AsksComment), i.InvitedAt, i.ExpiresAt, i.RespondedAt))
            .Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// Stores the acting person's answer to invitation <paramref name="invitationId"/>: the response,
    /// the invitation marked answered, its bell line read, and for a rating of 1 or 2 about a record a
    /// follow-up for the service owner, who is told. Saves.
    /// </summary>
    public static async Task<(AnswerOutcome Outcome, Guid? FollowUpId)> AnswerAsync(StewardDbContext db, Guid invitationId, int rating, int? recommend, string? comment,
        Instant now, CancellationToken ct)
    {
        var me = db.Actor.PersonId;
        var invitation = await db.SurveyInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && me != null && i.InviteeId == me, ct);
        if (invitation is null) return (AnswerOutcome.Refused(AnswerRefusal.NotInvited, "No survey invitation with this id is addressed to you."), null);
        var outcome = invitation.Answer(me, now, rating, recommend, comment);
        if (outcome.Response is not { } response) return (outcome, null);
        db.SurveyResponses.Add(response);

        var link = SurveyTriggers.LinkOf(invitation.Id);
        foreach (var line in await db.Notifications.Where(n => n.PersonId == me && n.ReadAt == null && n.Link == link).ToListAsync(ct))
            line.ReadAt = now;

        SatisfactionFollowUp? followUp = null;
        if (response.IsLow && response.RecordId is { } recordId)
        {
            var owner = response.ServiceId is { } service
                ? await db.Services.IgnoreQueryFilters().Where(s => s.Id == service).Select(s => s.OwnerId).SingleOrDefaultAsync(ct)
                : null;
            followUp = SatisfactionFollowUp.For(response, owner, now)!;
            db.SatisfactionFollowUps.Add(followUp);
            if (owner is { } ownerId && ownerId != me)
            {
                var record = await db.WorkRecords.IgnoreQueryFilters().Where(r => r.Id == recordId).Select(r => new { r.Number, r.Title }).SingleAsync(ct);
                db.Notifications.Add(new Core.Notifications.Notification
                {
                    OrganizationId = response.ProviderId, PersonId = ownerId, RecordId = recordId, At = now,
                    Text = Trim($"{record.Number} was rated {response.Rating} of 5: follow it up. {record.Title}"),
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another answer to the same invitation was saved since it was read.
            return (AnswerOutcome.Refused(AnswerRefusal.AlreadyAnswered, "This invitation was answered meanwhile; an invitation is answered once."), null);
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            return (AnswerOutcome.Refused(AnswerRefusal.AlreadyAnswered, "This invitation was answered meanwhile; an invitation is answered once."), null);
        }
        return (outcome, followUp?.Id);
    }

    static string Trim(string text) => text.Length <= Core.Notifications.NotificationLimits.Text ? text : text[..(Core.Notifications.NotificationLimits.Text - 1)] + "…";
}
