using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Common;
using Steward.Server.Api;

namespace Steward.Server.Knowledge;

/// <summary>Why the knowledge workflow refused: the HTTP answer it becomes, and what pages show.</summary>
public enum Refusal
{
    /// <summary>404: no such thing in the caller's reach.</summary>
    NotFound,
    /// <summary>403: not for this person (not a member, the version's author, not a moderator).</summary>
    Forbidden,
    /// <summary>409: not in the state the article or community is in.</summary>
    Conflict,
    /// <summary>400: a field of the input is wrong.</summary>
    Invalid,
    /// <summary>412: If-Match names a version that is no longer current.</summary>
    Stale,
}

/// <summary>A refusal of <see cref="KnowledgeWorkflow"/>, with the sentence that says why (and the field, for bad input).</summary>
public sealed record KnowledgeProblem(Refusal Kind, string Detail, string? Field = null, long? Current = null)
{
    public static KnowledgeProblem Stale(long current) => new(Refusal.Stale, Ui.UiDb.Stale, Current: current);

    public static KnowledgeProblem NotFound(string what) => new(Refusal.NotFound, $"No {what} with this id exists, or it is outside your reach.");

    public static KnowledgeProblem Forbidden(RuleViolation why) => new(Refusal.Forbidden, why.Detail);

    /// <summary>A broken rule: bad input when it names a field, a conflict with what is stored when not.</summary>
    public static KnowledgeProblem Of(RuleViolation broken) =>
        broken.Field is { } field ? new(Refusal.Invalid, broken.Detail, field) : new(Refusal.Conflict, broken.Detail);

    public static KnowledgeProblem Invalid(string field, string detail) => new(Refusal.Invalid, detail, field);

    public static KnowledgeProblem Conflict(string detail) => new(Refusal.Conflict, detail);

    /// <summary>The problem document of the API, for a handler whose success is <typeparamref name="TOk"/>.</summary>
    public Results<TOk, ProblemHttpResult, ValidationProblem> Answer<TOk>() where TOk : IResult
    {
        if (Kind is Refusal.Invalid) return Problems.Invalid(Field ?? "$", Detail);
        return AsProblem();
    }

    /// <summary>As a problem document (400s that name a field are better answered by <see cref="Answer{TOk}"/>).</summary>
    public ProblemHttpResult AsProblem() => Kind switch
    {
        Refusal.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: Detail),
        Refusal.Forbidden => Problems.Forbidden(Detail),
        Refusal.Stale => Problems.PreconditionFailed(Current ?? 0),
        Refusal.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: Field is null ? Detail : $"{Field}: {Detail}"),
        _ => Problems.Conflict(Detail),
    };
}
