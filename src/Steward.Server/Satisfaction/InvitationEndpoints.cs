using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Steward.Core;
using Steward.Core.Satisfaction;
using Steward.Server.Api;

namespace Steward.Server.Satisfaction;

/// <summary>POST /api/v1/surveys/invitations/{id}/response: the answers; <c>recommend</c> and <c>comment</c> only where the survey asks them.</summary>
public sealed record AnswerBody(
    [property: Range(1, 5)] int Rating,
    [property: Range(0, 10)] int? Recommend = null,
    [property: StringLength(SurveyLimits.Comment), PlainText] string? Comment = null);

/// <summary>
/// The invitee's side: their open invitations, and their answer, once, before the invitation closes.
/// Anyone else asking about an invitation, the provider's people and administrators included, is
/// told it does not exist.
/// </summary>
public static class InvitationEndpoints
{
    public const string Resource = "survey-invitations";

    public static void MapSurveyInvitations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/surveys", Mine).WithTags("Satisfaction").RequireAccess(Access.Read);
        app.MapPost($"{SurveyEndpoints.Path}/invitations/{{id:guid}}/response", Respond).WithTags("Satisfaction")
            .RequireAccess(Access.Self).ForResource(Resource);
    }

    /// <summary>The caller's open invitations, newest first (at most 100).</summary>
    static async Task<Ok<List<InvitationView>>> Mine(StewardDbContext db, IClock clock, CancellationToken ct) =>
        TypedResults.Ok(await SurveyAnswers.MineAsync(db, clock.GetCurrentInstant(), null, 100, ct));

    /// <summary>201 with the stored answer; 404 not the caller's, 409 answered already, 410 closed.</summary>
    static async Task<Results<Created<ResponseView>, ProblemHttpResult, ValidationProblem>> Respond(
        Guid id, AnswerBody body, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var (outcome, followUp) = await SurveyAnswers.AnswerAsync(db, id, body.Rating, body.Recommend, body.Comment, clock.GetCurrentInstant(), ct);
        return outcome.Refusal switch
        {
            AnswerRefusal.None => TypedResults.Created($"{SurveyEndpoints.Path}/invitations/{id}/response", ResponseView.Of(outcome.Response!, followUp)),
            AnswerRefusal.NotInvited => Problems.NotFound("survey invitation"),
            AnswerRefusal.AlreadyAnswered => Problems.Conflict(outcome.Detail!),
            AnswerRefusal.Expired => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: outcome.Detail),
            _ => Problems.Invalid(outcome.Field!, outcome.Detail!),
        };
    }
}
