using NodaTime;
using Steward.Core.Records;
using Steward.Core.Satisfaction;

namespace Steward.Core.Tests.Satisfaction;

/// <summary>An invitation is answered by its invitee, once, before it closes; a low rating about a record opens a follow-up.</summary>
public sealed class AnsweringTests
{
    static readonly Guid Provider = Guid.NewGuid(), Customer = Guid.NewGuid(), Invitee = Guid.NewGuid();
    static readonly Instant Invited = Instant.FromUtc(2026, 11, 30, 9, 0);

    static SurveyInvitation Invitation(bool recommend = true, bool comment = true, int days = 14, WorkRecord? record = null)
    {
        var survey = new Survey { ProviderId = Provider, Name = "After resolution", AsksRecommend = recommend, AsksComment = comment, ExpiresAfterDays = days };
        return SurveyInvitation.For(survey, Invitee, Attribution.OfRelationship(Customer), Invited, record);
    }

    static WorkRecord Record() => new() { Kind = RecordKind.Incident, Number = "INC000001", Sequence = 1, ProviderId = Provider, CustomerId = Customer, Title = "T", ProcessKey = "incident-management" };

    [Fact]
    public void An_invitation_stays_open_for_its_days_and_closes_at_the_instant_they_end()
    {
        var invitation = Invitation(days: 14);

        Assert.Equal(Invited + Duration.FromDays(14), invitation.ExpiresAt);
        Assert.True(invitation.IsOpenAt(invitation.ExpiresAt - Duration.Epsilon));
        Assert.False(invitation.IsOpenAt(invitation.ExpiresAt));
    }

    [Fact]
    public void The_invitee_answers_once_and_the_answer_is_kept_as_given()
    {
        var invitation = Invitation();
        var at = Invited + Duration.FromHours(2);

        var first = invitation.Answer(Invitee, at, 4, 9, "  Quick and friendly.  ");
        var second = invitation.Answer(Invitee, at + Duration.FromMinutes(1), 1, 0, null);

        Assert.Equal(AnswerRefusal.None, first.Refusal);
        Assert.Equal((4, (int?)9, "Quick and friendly.", at), (first.Response!.Rating, first.Response.Recommend, first.Response.Comment, first.Response.RespondedAt));
        Assert.Equal(at, invitation.RespondedAt);
        Assert.Equal(AnswerRefusal.AlreadyAnswered, second.Refusal);
    }

    [Fact]
    public void Somebody_else_is_refused_as_if_there_were_no_invitation_even_after_it_closed()
    {
        var invitation = Invitation();

        Assert.Equal(AnswerRefusal.NotInvited, invitation.Answer(Guid.NewGuid(), Invited, 5, null, null).Refusal);
        Assert.Equal(AnswerRefusal.NotInvited, invitation.Answer(null, Invited, 5, null, null).Refusal);
        Assert.Equal(AnswerRefusal.NotInvited, invitation.Answer(Guid.NewGuid(), invitation.ExpiresAt + Duration.FromDays(1), 5, null, null).Refusal);
        Assert.Null(invitation.RespondedAt);
    }

    [Fact]
    public void An_answer_at_the_closing_instant_is_too_late_one_tick_before_is_not()
    {
        Assert.Equal(AnswerRefusal.Expired, Invitation().Answer(Invitee, Invited + Duration.FromDays(14), 5, null, null).Refusal);
        Assert.Equal(AnswerRefusal.None, Invitation().Answer(Invitee, Invited + Duration.FromDays(14) - Duration.Epsilon, 5, null, null).Refusal);
    }

    [Fact]
    public void A_second_answer_after_closing_is_a_conflict_not_a_late_answer()
    {
        var invitation = Invitation();
        invitation.Answer(Invitee, Invited, 3, null, null);

        Assert.Equal(AnswerRefusal.AlreadyAnswered, invitation.Answer(Invitee, invitation.ExpiresAt + Duration.FromDays(3), 3, null, null).Refusal);
    }

    [Theory]
    [InlineData(0, null, null, "rating")]
    [InlineData(6, null, null, "rating")]
    [InlineData(3, -1, null, "recommend")]
    [InlineData(3, 11, null, "recommend")]
    public void Answers_out_of_range_name_their_field(int rating, int? recommend, string? comment, string field)
    {
        var invitation = Invitation();

        var outcome = invitation.Answer(Invitee, Invited, rating, recommend, comment);

        Assert.Equal((AnswerRefusal.Invalid, field), (outcome.Refusal, outcome.Field));
        Assert.Null(invitation.RespondedAt);
    }

    [Fact]
    public void Questions_the_survey_does_not_ask_are_refused_a_blank_comment_is_no_comment()
    {
        Assert.Equal("recommend", Invitation(recommend: false).Answer(Invitee, Invited, 3, 7, null).Field);
        Assert.Equal("comment", Invitation(comment: false).Answer(Invitee, Invited, 3, null, "Hm").Field);
        Assert.Null(Invitation(comment: false).Answer(Invitee, Invited, 3, null, "   ").Response!.Comment);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void Ratings_of_1_or_2_about_a_record_open_a_follow_up_for_the_service_owner(int rating, bool opened)
    {
        var owner = Guid.NewGuid();
        var response = Invitation(record: Record()).Answer(Invitee, Invited, rating, null, null).Response!;

        var followUp = SatisfactionFollowUp.For(response, owner, Invited);

        Assert.Equal(opened, followUp is not null);
        if (followUp is null) return;
        Assert.Equal((response.RecordId!.Value, owner, rating, FollowUpState.Open), (followUp.RecordId, followUp.OwnerId!.Value, followUp.Rating, followUp.State));
    }

    [Fact]
    public void A_low_rating_of_a_periodic_survey_opens_no_follow_up_there_is_no_record_to_show_it_on()
    {
        var response = Invitation().Answer(Invitee, Invited, 1, null, null).Response!;

        Assert.Null(SatisfactionFollowUp.For(response, Guid.NewGuid(), Invited));
    }

    [Fact]
    public void A_follow_up_is_completed_once_with_what_was_done()
    {
        var followUp = SatisfactionFollowUp.For(Invitation(record: Record()).Answer(Invitee, Invited, 1, null, null).Response!, null, Invited)!;
        var by = Guid.NewGuid();

        Assert.Equal("outcome", followUp.Complete(by, "  ", Invited)?.Field);
        Assert.Null(followUp.Complete(by, "Called the customer; replaced the laptop.", Invited + Duration.FromDays(1)));
        Assert.NotNull(followUp.Complete(by, "Again", Invited + Duration.FromDays(2)));
        Assert.Equal((FollowUpState.Done, "Called the customer; replaced the laptop.", by), (followUp.State, followUp.Outcome, followUp.CompletedById!.Value));
    }
}
