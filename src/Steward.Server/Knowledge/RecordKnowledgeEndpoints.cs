using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Records;
using Steward.Server.Api;
using Steward.Server.Incidents;
using Steward.Server.Requests;

namespace Steward.Server.Knowledge;

/// <summary>
/// Knowledge at work: articles tied to incidents and requests (a record resolved with one is its
/// reuse), the articles a record suggests, and an article written from a resolved incident.
/// </summary>
public static class RecordKnowledgeEndpoints
{
    public static void MapRecordKnowledge(this IEndpointRouteBuilder app)
    {
        Map(app, RecordKind.Incident, "/api/v1/incidents", IncidentEndpoints.Resource, "Incidents");
        Map(app, RecordKind.Request, "/api/v1/requests", RequestEndpoints.Resource, "Requests");
        app.MapPost("/api/v1/incidents/{id:guid}/article-draft", DraftFromRecord).WithTags("Incidents")
            .RequireAccess(Access.WriteKnowledge).ForResource(IncidentEndpoints.Resource);
    }

    static void Map(IEndpointRouteBuilder app, RecordKind kind, string path, string resource, string tag)
    {
        var group = app.MapGroup(path).WithTags(tag);
        group.MapGet("/{id:guid}/articles", (Guid id, StewardDbContext db, CancellationToken ct) => Links(kind, id, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/{id:guid}/articles", (Guid id, ArticleLinkBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct) =>
                Link(kind, path, id, body, flows, db, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapDelete("/{id:guid}/articles/{articleId:guid}", (Guid id, Guid articleId, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct) =>
                Unlink(kind, id, articleId, flows, db, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapGet("/{id:guid}/suggested-articles", (Guid id, StewardDbContext db, CancellationToken ct, [FromQuery, Range(1, 20)] int? limit) =>
                Suggested(kind, id, limit, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
    }

    static string What(RecordKind kind) => kind is RecordKind.Incident ? "incident" : "request";

    /// <summary>The articles tied to the record that the caller may read.</summary>
    static async Task<Results<Ok<IReadOnlyList<ArticleLinkView>>, ProblemHttpResult>> Links(RecordKind kind, Guid id, StewardDbContext db, CancellationToken ct) =>
        await new KnowledgeReader(db).LinksAsync(kind, id, ct) is { } links ? TypedResults.Ok(links) : Problems.NotFound(What(kind));

    /// <summary>Ties a published article of the record's provider to the record (201), or changes the relation (200); the provider's people only.</summary>
    static async Task<Results<Created<ArticleLinkView>, Ok<ArticleLinkView>, ProblemHttpResult, ValidationProblem>> Link(
        RecordKind kind, string path, Guid id, ArticleLinkBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct)
    {
        var (link, created, problem) = await flows.For(db).LinkAsync(kind, id, body.ArticleId!.Value, body.Relation, ct);
        if (problem is { Kind: Refusal.Invalid }) return Problems.Invalid(problem.Field!, problem.Detail);
        if (problem is not null) return problem.AsProblem();
        return created ? TypedResults.Created($"{path}/{id}/articles/{link!.ArticleId}", link) : TypedResults.Ok(link!);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Unlink(RecordKind kind, Guid id, Guid articleId, KnowledgeWorkflowFactory flows, StewardDbContext db, CancellationToken ct)
    {
        var problem = await flows.For(db).UnlinkAsync(kind, id, articleId, ct);
        return problem is null ? TypedResults.NoContent() : problem.AsProblem();
    }

    /// <summary>Published articles for the record, from its title, description and service, best first (5 unless limit says).</summary>
    static async Task<Results<Ok<IReadOnlyList<ArticleSuggestion>>, ProblemHttpResult>> Suggested(RecordKind kind, Guid id, int? limit, StewardDbContext db, CancellationToken ct) =>
        await new KnowledgeReader(db).SuggestForRecordAsync(kind, id, limit ?? 5, ct) is { } suggestions ? TypedResults.Ok(suggestions) : Problems.NotFound(What(kind));

    /// <summary>
    /// "Write an article from this record": a KnownErrorWorkaround draft in the community named,
    /// prefilled from the resolved incident (symptoms from its description, workaround from its
    /// resolution, its service and process) and tied to it. 409 while the incident is unresolved.
    /// </summary>
    static async Task<Results<Created<ArticleView>, ProblemHttpResult, ValidationProblem>> DraftFromRecord(
        Guid id, RecordArticleDraftBody body, KnowledgeWorkflowFactory flows, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var (article, problem) = await flows.For(db).DraftFromRecordAsync(id, body.CommunityId!.Value, ct);
        if (problem is not null) return problem.Answer<Created<ArticleView>>();
        var view = (await new KnowledgeReader(db).ArticleAsync(article!.Id, ct))!;
        http.Response.Headers.ETag = ETags.Of(view.Version);
        return TypedResults.Created($"{ArticleEndpoints.Path}/{view.Id}", view);
    }
}
