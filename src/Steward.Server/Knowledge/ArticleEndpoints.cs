using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Server.Api;
using Steward.Server.Identity;

namespace Steward.Server.Knowledge;

/// <summary>The answer to a review: the review, and where the version and the article stand after it.</summary>
public sealed record ReviewOutcome(ReviewView Review, ArticleState State, int VersionNumber, VersionState VersionState, int Approvals, int Quorum, long Version);

/// <summary>
/// /api/v1/knowledge: articles and their versions, peer review, readers' feedback, deflections,
/// suggestions, and the reviews waiting for the caller. Who may do what is the community's
/// business (<see cref="KnowledgeWorkflow"/>): members write, reviewers and moderators review,
/// moderators publish below the quorum and retire.
/// </summary>
public static class ArticleEndpoints
{
    public const string Resource = "knowledge-articles";
    public const string Path = "/api/v1/knowledge/articles";

    public static RouteGroupBuilder MapKnowledgeArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Knowledge");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.WriteKnowledge);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapPost("/{id:guid}/submit", (Guid id, IfMatch ifMatch, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Act(id, db, http, flows.For(db).SubmitAsync(id, ifMatch.Matches, ct), ct))
            .RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapPost("/{id:guid}/publish", (Guid id, IfMatch ifMatch, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Act(id, db, http, flows.For(db).PublishAsync(id, ifMatch.Matches, ct), ct))
            .RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapPost("/{id:guid}/retire", (Guid id, IfMatch ifMatch, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Act(id, db, http, flows.For(db).RetireAsync(id, ifMatch.Matches, ct), ct))
            .RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapPost("/{id:guid}/reviews", Review).RequireAccess(Access.WriteKnowledge).ForResource(Resource);
        group.MapGet("/{id:guid}/versions", Versions).RequireAccess(Access.Read).ForResource(Resource);
        group.MapGet("/{id:guid}/versions/{version}", Version).RequireAccess(Access.Read).ForResource(Resource);
        group.MapGet("/{id:guid}/diff", Diff).RequireAccess(Access.Read).ForResource(Resource);
        group.MapGet("/{id:guid}/feedback", Feedback).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/feedback", GiveFeedback).RequireAccess(Access.RateKnowledge).ForResource(Resource);
        group.MapPost("/{id:guid}/deflections", Deflect).RequireAccess(Access.RateKnowledge).ForResource(Resource);

        var knowledge = app.MapGroup("/api/v1/knowledge").WithTags("Knowledge");
        knowledge.MapGet("/suggestions", Suggestions).RequireAccess(Access.Read);
        knowledge.MapGet("/reviews/waiting", Waiting).RequireAccess(Access.Read);
        return group;
    }

    /// <summary>
    /// Lists and searches the articles the caller may read. q: words found (each as a prefix) in the
    /// title, body or tags, newest first. Filters: communityId, providerId, kind, state, audience,
    /// serviceId, tag, processKey, ownerId, mine (the caller's communities). Sort without q: title (default) or createdAt.
    /// </summary>
    static async Task<Results<Ok<Page<ArticleSummary>>, ProblemHttpResult, ValidationProblem>> List([AsParameters] ArticleQuery q, StewardDbContext db, CancellationToken ct)
    {
        var (page, problem) = await new KnowledgeReader(db).ListAsync(q, ct);
        return problem is null ? TypedResults.Ok(page!) : problem.Answer<Ok<Page<ArticleSummary>>>();
    }

    static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var view = await new KnowledgeReader(db).ArticleAsync(id, ct);
        if (view is null) return Problems.NotFound("article");
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    static async Task<Results<Created<ArticleView>, ProblemHttpResult, ValidationProblem>> Create(
        ArticleBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = ArticleInput.Of(body);
        if (invalid is not null) return invalid.Answer<Created<ArticleView>>();
        var (article, problem) = await flows.For(db).CreateArticleAsync(input!, ct);
        if (problem is not null) return problem.Answer<Created<ArticleView>>();
        var view = (await new KnowledgeReader(db).ArticleAsync(article!.Id, ct))!;
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Created($"{Path}/{view.Id}", view);
    }

    /// <summary>Writes the article's next text: the version in the works, or a new draft while readers keep the published one. 409 once retired.</summary>
    static async Task<Results<Ok<ArticleView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, ArticleBody body, IfMatch ifMatch, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var (input, invalid) = ArticleInput.Of(body);
        if (invalid is not null) return invalid.Answer<Ok<ArticleView>>();
        return await Act(id, db, http, flows.For(db).EditArticleAsync(id, ifMatch.Matches, input!, ct), ct);
    }

    /// <summary>Deletes an article never published (by its owner or a moderator); a published one is retired instead (409).</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct)
    {
        var problem = await flows.For(db).DeleteArticleAsync(id, ifMatch.Matches, ct);
        return problem is null ? TypedResults.NoContent() : problem.AsProblem();
    }

    static async Task<Results<Ok<ArticleView>, ProblemHttpResult, ValidationProblem>> Act(
        Guid id, StewardDbContext db, HttpContext http, Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> action, CancellationToken ct)
    {
        var (_, problem) = await action;
        if (problem is not null) return problem.Answer<Ok<ArticleView>>();
        var view = (await new KnowledgeReader(db).ArticleAsync(id, ct))!;
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>
    /// A review of the version in review: Approve, or RequestChanges with the critique (which sends
    /// it back to draft). 403 for the version's authors and for anyone who is not a reviewer or
    /// moderator of the community; 409 when nothing is in review. The quorum's last approval publishes.
    /// </summary>
    static async Task<Results<Created<ReviewOutcome>, ProblemHttpResult, ValidationProblem>> Review(
        Guid id, ReviewBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var (review, article, problem) = await flows.For(db).ReviewAsync(id, body.Verdict!.Value, body.Comment, body.VersionNumber, ct);
        if (problem is not null) return problem.Answer<Created<ReviewOutcome>>();
        var version = await db.ArticleVersions.AsNoTracking().SingleAsync(v => v.Id == review!.VersionId, ct);
        var reviews = await db.ArticleReviews.AsNoTracking().Where(r => r.VersionId == version.Id).ToListAsync(ct);
        var quorum = await db.Communities.IgnoreQueryFilters().Where(c => c.Id == article!.CommunityId).Select(c => c.ReviewQuorum).SingleAsync(ct);
        var reviewer = await db.People.IgnoreQueryFilters().Where(p => p.Id == review!.ReviewerId).Select(p => p.Name).SingleAsync(ct);
        http.Response.Headers.ETag = ETags.Of(article!.Version);
        return TypedResults.Created($"{Path}/{id}/versions/{version.Number}",
            new ReviewOutcome(new ReviewView(review!.Id, review.VersionNumber, review.ReviewerId, reviewer, review.Verdict, review.Comment, review.Round, review.At, review.IsCurrent),
                article.State, version.Number, version.State, ArticleReview.ApprovalsOf(version, reviews), quorum, article.Version));
    }

    static async Task<Results<Ok<IReadOnlyList<VersionSummary>>, ProblemHttpResult>> Versions(Guid id, StewardDbContext db, CancellationToken ct) =>
        await new KnowledgeReader(db).VersionsAsync(id, ct) is { } versions ? TypedResults.Ok(versions) : Problems.NotFound("article");

    /// <summary>One version whole, by its number (1, 2, …) or its id, with its critiques for the community's members.</summary>
    static async Task<Results<Ok<VersionView>, ProblemHttpResult>> Version(Guid id, string version, StewardDbContext db, CancellationToken ct)
    {
        var reader = new KnowledgeReader(db);
        var found = int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await reader.VersionAsync(id, number, ct)
            : Guid.TryParse(version, out var versionId) ? await reader.VersionAsync(id, versionId, ct) : null;
        return found is not null
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such version of an article you may read exists.");
    }

    /// <summary>A line diff of two versions' text and the fields that changed; by default the newest version you may read against the one before.</summary>
    static async Task<Results<Ok<VersionDiff>, ProblemHttpResult, ValidationProblem>> Diff(
        Guid id, StewardDbContext db, CancellationToken ct, [FromQuery, Range(1, int.MaxValue)] int? from = null, [FromQuery, Range(1, int.MaxValue)] int? to = null)
    {
        var (diff, problem) = await new KnowledgeReader(db).DiffAsync(id, from, to, ct);
        return problem is null ? TypedResults.Ok(diff!) : problem.Kind is Refusal.NotFound ? problem.AsProblem() : problem.Answer<Ok<VersionDiff>>();
    }

    static async Task<Results<Ok<IReadOnlyList<FeedbackView>>, ProblemHttpResult>> Feedback(Guid id, StewardDbContext db, CancellationToken ct) =>
        await new KnowledgeReader(db).FeedbackAsync(id, ct) is { } feedback ? TypedResults.Ok(feedback) : Problems.NotFound("article");

    /// <summary>Helpful or not, with an optional comment, by anyone who reads the published article; a second word replaces the first (200).</summary>
    static async Task<Results<Created<FeedbackView>, Ok<FeedbackView>, ProblemHttpResult, ValidationProblem>> GiveFeedback(
        Guid id, FeedbackBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct)
    {
        var (feedback, created, problem) = await flows.For(db).GiveFeedbackAsync(id, body.Helpful!.Value, body.Comment, ct);
        if (problem is { Kind: Refusal.Invalid }) return Problems.Invalid(problem.Field!, problem.Detail);
        if (problem is not null) return problem.AsProblem();
        return created ? TypedResults.Created($"{Path}/{id}/feedback", feedback!) : TypedResults.Ok(feedback!);
    }

    /// <summary>"This solved it": the portal's reader needs no record. Counted for the article and its community.</summary>
    static async Task<Results<Created<DeflectionView>, ProblemHttpResult, ValidationProblem>> Deflect(
        Guid id, DeflectionBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct)
    {
        var (deflection, problem) = await flows.For(db).DeflectAsync(id, body.Query, body.ServiceId, ct);
        if (problem is not null) return problem.Answer<Created<DeflectionView>>();
        return TypedResults.Created($"{Path}/{id}", deflection!);
    }

    /// <summary>
    /// Published articles for what someone is typing (the portal's title box), best first: customers'
    /// people get only those published for them. q: the text; serviceId: the service it is about.
    /// </summary>
    static async Task<Results<Ok<IReadOnlyList<ArticleSuggestion>>, ValidationProblem>> Suggestions(StewardDbContext db, CancellationToken ct,
        [FromQuery, StringLength(KnowledgeLimits.Query)] string? q = null, Guid? serviceId = null, Guid? providerId = null,
        [FromQuery, Range(1, 20)] int? limit = null) =>
        TypedResults.Ok(await new KnowledgeReader(db).SuggestAsync(q, serviceId, providerId, limit ?? 5, ct));

    /// <summary>The versions in review that wait for the caller: in communities they review for, not written by them, not yet reviewed this round.</summary>
    static async Task<Ok<IReadOnlyList<ReviewWaiting>>> Waiting(StewardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await new KnowledgeReader(db).ReviewsWaitingAsync(ct));
}

/// <summary>Makes a <see cref="KnowledgeWorkflow"/> for a context: the endpoints' context, or a page's short-lived one.</summary>
public sealed class KnowledgeWorkflowFactory(IClock clock, IdentityCache identities)
{
    public KnowledgeWorkflow For(StewardDbContext db) => new(db, clock, identities);
}
