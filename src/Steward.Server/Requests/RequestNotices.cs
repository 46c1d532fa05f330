using NodaTime;
using Steward.Core;
using Steward.Core.Notifications;
using Steward.Core.Records;
using Steward.Core.Requests;

namespace Steward.Server.Requests;

/// <summary>
/// What a request tells the people it waits on or belongs to, in the bell: each approver when their
/// stage opens, the requester when approval is over and when the request is resolved or rejected.
/// Written in the transaction of the change, like the SLA's notifications; nobody is told of their
/// own action.
/// </summary>
sealed class RequestNotices(StewardDbContext db)
{
    public void AskApprovers(WorkRecord record, IEnumerable<RequestApproval> stage, Instant now)
    {
        foreach (var approval in stage)
            Tell(record, approval.ApproverId, $"{record.Number} waits for your approval ({approval.StageName}): {record.Title}", now);
    }

    public void TellRequester(WorkRecord record, RecordState from, RecordState to, Instant now)
    {
        var text = to switch
        {
            RecordState.InProgress when from is RecordState.AwaitingApproval => $"{record.Number} is approved; fulfilment has started: {record.Title}",
            RecordState.Resolved => $"{record.Number} is resolved: {record.Title}{Because(record)}",
            RecordState.Rejected => $"{record.Number} was rejected: {record.Title}{Because(record)}",
            _ => null,
        };
        if (text is not null && record.RequesterId is { } requester) Tell(record, requester, text, now);
    }

    static string Because(WorkRecord record) => record.Resolution is { Length: > 0 } why ? $" — {why}" : "";

    void Tell(WorkRecord record, Guid personId, string text, Instant now)
    {
        if (personId == db.Actor.PersonId) return;
        db.Notifications.Add(new Notification { OrganizationId = record.ProviderId, PersonId = personId, RecordId = record.Id, Text = Trim(text), At = now });
    }

    static string Trim(string text) => text.Length <= NotificationLimits.Text ? text : text[..(NotificationLimits.Text - 1)] + "…";
}
