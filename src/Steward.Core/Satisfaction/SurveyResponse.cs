using NodaTime;
using Steward.Core.Common;
using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Satisfaction;

/// <summary>
/// An answer to one invitation, never changed: the ratings and the comment, stored with the record,
/// service and customer it is about and with the invitation's <see cref="Attribution"/> (the party
/// that performed the resolving step, the party accountable for the process, the kind of sourcing),
/// so that the report groups and counts these columns alone. <see cref="InvitedAt"/> is copied too:
/// the report's period is the invitations' (a response counts with the invitation it answers).
/// </summary>
public sealed class SurveyResponse : IEntity, ITenantScoped, ICustomerShared
{
    public const int LowRating = 2;

    public Guid Id { get; init; } = Ids.New();
    public Guid InvitationId { get; init; }
    public Guid SurveyId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public Guid RespondentId { get; init; }
    public Guid? RecordId { get; init; }
    public RecordKind? RecordKind { get; init; }
    public Guid? ServiceId { get; init; }
    public Guid? PerformerId { get; init; }
    public Guid? PerformerOrganizationId { get; init; }
    public AgreementType? PerformerAgreement { get; init; }
    public Guid? AccountableId { get; init; }
    public SourcingKind? SourcingKind { get; init; }
    public Instant InvitedAt { get; init; }
    public Instant RespondedAt { get; init; }
    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Rating { get; init; }
    /// <summary>0 to 10, when the survey asked; the net promoter score reads it.</summary>
    public int? Recommend { get; init; }
    public string? Comment { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    /// <summary>A rating of 1 or 2 opens a follow-up for the service owner.</summary>
    public bool IsLow => Rating <= LowRating;
}

public enum FollowUpState
{
    Open,
    Done,
}

/// <summary>
/// What a low rating (1 or 2) of a record's work opens for the service's owner: shown on the record
/// until someone of the provider completes it with what was done. The provider's record; the
/// customer's invitee writes it by answering, so it is shared with that customer for the write
/// check, while only the provider's people read it.
/// </summary>
public sealed class SatisfactionFollowUp : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public Guid RecordId { get; init; }
    public Guid ResponseId { get; init; }
    public Guid? ServiceId { get; init; }
    /// <summary>The service owner when the rating came in; null when the service has none (or there is no service).</summary>
    public Guid? OwnerId { get; init; }
    public int Rating { get; init; }
    public FollowUpState State { get; set; } = FollowUpState.Open;
    public string? Outcome { get; set; }
    public Instant OpenedAt { get; init; }
    public Instant? CompletedAt { get; set; }
    public Guid? CompletedById { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public static SatisfactionFollowUp? For(SurveyResponse response, Guid? ownerId, Instant now) =>
        response.IsLow && response.RecordId is { } record
            ? new SatisfactionFollowUp
            {
                ProviderId = response.ProviderId, CustomerId = response.CustomerId, RecordId = record, ResponseId = response.Id,
                ServiceId = response.ServiceId, OwnerId = ownerId, Rating = response.Rating, OpenedAt = now,
            }
            : null;

    public RuleViolation? Complete(Guid? byPersonId, string outcome, Instant now)
    {
        if (State is FollowUpState.Done) return new("The follow-up is already done.");
        if (string.IsNullOrWhiteSpace(outcome)) return new("Say what was done about the rating.", "outcome");
        State = FollowUpState.Done;
        Outcome = outcome.Trim();
        CompletedAt = now;
        CompletedById = byPersonId;
        return null;
    }
}
