using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Notifications;
using Steward.Core.Records;
using Steward.Core.Satisfaction;
using Steward.Core.Sourcing;
using Steward.Server.Records;
using Steward.Server.Sourcing;

namespace Steward.Server.Satisfaction;

/// <summary>
/// Invites a resolved record's requester to the one survey of the provider that asks about it
/// (<see cref="Survey.AskingAbout"/>), in the transaction of the resolution (the record workflow
/// calls in; the caller saves), with whom the sourcing model names for the work at that moment
/// (<see cref="Attribution"/>).
/// </summary>
/// <remarks>
/// Resolving stays cheap: the provider's active surveys are kept with its <see cref="DeskSnapshot"/>,
/// which the workflow has already read for the move and which is rebuilt whenever any server changes
/// configuration (surveys move the <see cref="Core.Persistence.ConfigStamp"/> too). So a provider
/// without surveys costs one indexed read per configuration change, not per record; the derived kind
/// of sourcing is derived once per service, customer and day, and only for records that are invited.
/// </remarks>
public static class SurveyTriggers
{
    /// <summary>What is known of one provider's surveys for one configuration: the snapshot it belongs to lives as long as it does.</summary>
    sealed class Known
    {
        public volatile IReadOnlyList<Survey>? Surveys;
    }

    static readonly ConditionalWeakTable<DeskSnapshot, Known> BySnapshot = new();

    public static string LinkOf(Guid invitationId) => $"/surveys/invitations/{invitationId}";

    /// <param name="record">The record just moved to Resolved.</param>
    /// <param name="step">The step it was resolved in, with its performer, taken before the move.</param>
    public static async Task OnResolvedAsync(StewardDbContext db, WorkRecord record, DeskSnapshot desk, ResolvingStep step, Instant now, CancellationToken ct)
    {
        if (record.RequesterId is not { } invitee) return;
        var known = BySnapshot.GetValue(desk, _ => new Known());
        var surveys = known.Surveys ??= await db.Surveys.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == desk.ProviderId && s.Trigger == SurveyTrigger.RecordResolved && s.IsActive)
            .ToListAsync(ct);
        if (Survey.AskingAbout(surveys, record) is not { } survey) return;
        // A reopened record resolved again was asked about already.
        if (record.ReopenCount > 0 && await db.SurveyInvitations.IgnoreQueryFilters().AnyAsync(i => i.RecordId == record.Id, ct)) return;
        var kind = record.ServiceId is { } service ? await KindOfRelationship.OfAsync(db, desk, service, record.CustomerId, now, ct) : null;
        var about = Attribution.AtResolution(record, step, record.ServiceId is { } s ? desk.AssignmentsByService[s] : [], kind);
        var invitation = SurveyInvitation.For(survey, invitee, about, now, record);
        db.SurveyInvitations.Add(invitation);
        db.Notifications.Add(Invite(invitation, $"How did we do with {record.Number}? Rate our work: {record.Title}", now));
    }

    /// <summary>The bell's line that opens the survey.</summary>
    public static Notification Invite(SurveyInvitation invitation, string text, Instant now) => new()
    {
        OrganizationId = invitation.ProviderId, PersonId = invitation.InviteeId, RecordId = invitation.RecordId,
        Text = text.Length <= NotificationLimits.Text ? text : text[..(NotificationLimits.Text - 1)] + "…",
        Link = LinkOf(invitation.Id), At = now,
    };
}
