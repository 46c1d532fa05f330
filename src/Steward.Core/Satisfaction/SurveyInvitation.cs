using NodaTime;
using Steward.Core.Common;
using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Satisfaction;

/// <summary>
/// One person asked to answer a survey once, before <see cref="ExpiresAt"/>: the requester of a
/// resolved record, or a customer contact in a periodic round. It carries the record's
/// <see cref="Attribution"/> as it stood at the invitation, so that the report counts invitations
/// and responses of the same parties. The provider's record, shared with the customer it concerns
/// (the invitee writes the answer).
/// </summary>
public sealed class SurveyInvitation : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid SurveyId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public Guid InviteeId { get; init; }
    public Guid? RecordId { get; init; }
    public RecordKind? RecordKind { get; init; }
    /// <summary>Periodic surveys: the round it belongs to.</summary>
    public int? Round { get; init; }
    public Guid? ServiceId { get; init; }
    public Guid? PerformerId { get; init; }
    public Guid? PerformerOrganizationId { get; init; }
    public AgreementType? PerformerAgreement { get; init; }
    public Guid? AccountableId { get; init; }
    public SourcingKind? SourcingKind { get; init; }
    /// <summary>The questions as the survey asked them when it invited (the rating always).</summary>
    public bool AsksRecommend { get; init; }
    public bool AsksComment { get; init; }
    public Instant InvitedAt { get; init; }
    public Instant ExpiresAt { get; init; }
    public Instant? RespondedAt { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool IsOpenAt(Instant now) => RespondedAt is null && now < ExpiresAt;

    public static SurveyInvitation For(Survey survey, Guid inviteeId, Attribution about, Instant now, WorkRecord? record = null, int? round = null) => new()
    {
        SurveyId = survey.Id,
        ProviderId = survey.ProviderId,
        CustomerId = about.CustomerId,
        InviteeId = inviteeId,
        RecordId = record?.Id,
        RecordKind = record?.Kind,
        Round = round,
        ServiceId = about.ServiceId,
        PerformerId = about.PerformerId,
        PerformerOrganizationId = about.PerformerOrganizationId,
        PerformerAgreement = about.PerformerAgreement,
        AccountableId = about.AccountableId,
        SourcingKind = about.SourcingKind,
        AsksRecommend = survey.AsksRecommend,
        AsksComment = survey.AsksComment,
        InvitedAt = now,
        ExpiresAt = now + survey.OpenFor,
    };

    /// <summary>
    /// The invitee's answer, checked in the order the API answers: somebody else's invitation is
    /// not found, a second answer conflicts, a late one is gone, then the answers themselves.
    /// </summary>
    public AnswerOutcome Answer(Guid? personId, Instant now, int rating, int? recommend, string? comment)
    {
        if (personId != InviteeId) return AnswerOutcome.Refused(AnswerRefusal.NotInvited, "No survey invitation with this id is addressed to you.");
        if (RespondedAt is { } answered) return AnswerOutcome.Refused(AnswerRefusal.AlreadyAnswered, $"You answered this survey at {answered}; an invitation is answered once.");
        if (now >= ExpiresAt) return AnswerOutcome.Refused(AnswerRefusal.Expired, $"This survey closed at {ExpiresAt}.");
        if (rating is < 1 or > 5) return AnswerOutcome.Invalid("rating", "The rating is 1 (very dissatisfied) to 5 (very satisfied).");
        if (recommend is not null && !AsksRecommend) return AnswerOutcome.Invalid("recommend", "This survey does not ask how likely you are to recommend us.");
        if (recommend is < 0 or > 10) return AnswerOutcome.Invalid("recommend", "The likelihood to recommend is 0 (not at all likely) to 10 (extremely likely).");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is not null && !AsksComment) return AnswerOutcome.Invalid("comment", "This survey does not ask for a comment.");
        if (text?.Length > SurveyLimits.Comment) return AnswerOutcome.Invalid("comment", $"A comment is at most {SurveyLimits.Comment} characters.");

        RespondedAt = now;
        return AnswerOutcome.Accepted(new SurveyResponse
        {
            InvitationId = Id, SurveyId = SurveyId, ProviderId = ProviderId, CustomerId = CustomerId, RespondentId = InviteeId,
            RecordId = RecordId, RecordKind = RecordKind, ServiceId = ServiceId, PerformerId = PerformerId,
            PerformerOrganizationId = PerformerOrganizationId, PerformerAgreement = PerformerAgreement, AccountableId = AccountableId,
            SourcingKind = SourcingKind, InvitedAt = InvitedAt, RespondedAt = now, Rating = rating, Recommend = recommend, Comment = text,
        });
    }
}

public enum AnswerRefusal
{
    None,
    /// <summary>Not the invitee's: 404, as if it did not exist.</summary>
    NotInvited,
    /// <summary>409.</summary>
    AlreadyAnswered,
    /// <summary>410.</summary>
    Expired,
    /// <summary>400, naming <see cref="AnswerOutcome.Field"/>.</summary>
    Invalid,
}

public sealed record AnswerOutcome(SurveyResponse? Response, AnswerRefusal Refusal, string? Field, string? Detail)
{
    public static AnswerOutcome Accepted(SurveyResponse response) => new(response, AnswerRefusal.None, null, null);

    public static AnswerOutcome Refused(AnswerRefusal why, string detail) => new(null, why, null, detail);

    public static AnswerOutcome Invalid(string field, string detail) => new(null, AnswerRefusal.Invalid, field, detail);
}
