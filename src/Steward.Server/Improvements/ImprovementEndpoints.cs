using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Server.Api;
using Steward.Server.Reports;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Improvements;

/// <summary>
/// /api/v1/improvements: the provider's improvement register (its community of excellence). The
/// provider's people read it; the roles that manage improvements raise and change them. Customers'
/// people see none of it (tenancy).
/// </summary>
public static class ImprovementEndpoints
{
    public const string Resource = "improvement";
    public const string Path = "/api/v1/improvements";
    /// <summary>The most rows a spreadsheet of the register holds.</summary>
    public const int MaxExport = 5_000;

    public static RouteGroupBuilder MapImprovements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Improvements");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/results", Results).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageImprovements);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapPost("/{id:guid}/transition", Transition).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapGet("/{id:guid}/actions", Actions).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/actions", AddAction).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapPut("/{id:guid}/actions/{actionId:guid}", UpdateAction).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapDelete("/{id:guid}/actions/{actionId:guid}", DeleteAction).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        group.MapGet("/{id:guid}/reviews", Reviews).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/reviews", AddReview).RequireAccess(Access.ManageImprovements).ForResource(Resource);
        // The register page's download buttons: the same export, for the signed-in browser (its cookie).
        app.MapGet("/improvements/export", List).RequireAuthorization().ExcludeFromDescription();
        return group;
    }

    /// <summary>
    /// The register, overdue improvements first, then by target date. Filters: state (one of the
    /// states, or open, or closed), ownerId, serviceId, providerId, overdue; zone: the time zone of
    /// "today" for overdue (the caller's own by default). format=csv or xlsx: the whole register as a spreadsheet.
    /// </summary>
    static async Task<Results<Ok<Page<ImprovementView>>, FileContentHttpResult, ValidationProblem>> List(
        StewardDbContext db, IClock clock, CancellationToken ct,
        string? state = null, Guid? ownerId = null, Guid? serviceId = null, Guid? providerId = null, bool? overdue = null,
        string? zone = null, string? format = null, [FromQuery] int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > PageQuery.MaxLimit) return Problems.Invalid("limit", $"The limit is 1 to {PageQuery.MaxLimit}.");
        if (cursor is { Length: > 2000 }) return Problems.Invalid("cursor", "The cursor is not one this server issued.");
        if (!ReportFormats.TryParse(format, out var output)) return Problems.Invalid("format", "format is json, csv or xlsx.");
        if (!TryStates(state, out var states)) return Problems.Invalid("state", $"state is open, closed or one of {string.Join(", ", Enum.GetValues<ImprovementState>())}.");
        var (reader, badZone) = await ImprovementRegister.ReaderZoneAsync(db, zone, ct);
        if (reader is null) return badZone!;
        var now = clock.GetCurrentInstant();
        var ranked = ImprovementRegister.Ranked(db, new RegisterFilter(providerId, states, ownerId, serviceId, overdue), now.InZone(reader).Date);

        if (output is not ReportFormat.Json)
        {
            var all = await ImprovementRegister.InOrder(ranked).Take(MaxExport).ToListAsync(ct);
            var table = await ImprovementResults.TableAsync(db, await ImprovementRegister.ViewsAsync(db, all, now, ct));
            var file = $"steward-improvements-{now.InZone(reader).Date:yyyy-MM-dd}";
            return output is ReportFormat.Csv
                ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
                : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
        }
        var (rows, next, problem) = await ImprovementRegister.PageAsync(ranked, cursor, limit ?? PageQuery.DefaultLimit, ct);
        if (rows is null) return problem!;
        return TypedResults.Ok(new Page<ImprovementView>(await ImprovementRegister.ViewsAsync(db, rows, now, ct), next));
    }

    static bool TryStates(string? text, out IReadOnlyList<ImprovementState>? states)
    {
        states = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "": return true;
            case "open": states = Enum.GetValues<ImprovementState>().Where(s => !ImprovementStates.IsFinal(s)).ToList(); return true;
            case "closed": states = Enum.GetValues<ImprovementState>().Where(ImprovementStates.IsFinal).ToList(); return true;
        }
        if (!Enum.TryParse<ImprovementState>(text.Trim(), ignoreCase: true, out var one) || int.TryParse(text, out _) || !Enum.IsDefined(one)) return false;
        states = [one];
        return true;
    }

    /// <summary>The community of excellence's results: the achieved rate and the value gained per measure.</summary>
    static async Task<Ok<ImprovementResultsView>> Results(StewardDbContext db, CancellationToken ct, Guid? providerId = null, Guid? serviceId = null) =>
        TypedResults.Ok(await ImprovementResults.RunAsync(db, providerId, serviceId, ct));

    static async Task<Results<Ok<ImprovementView>, ProblemHttpResult, ValidationProblem>> Get(
        Guid id, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct, string? zone = null)
    {
        var (reader, badZone) = await ImprovementRegister.ReaderZoneAsync(db, zone, ct);
        if (reader is null) return badZone!;
        var now = clock.GetCurrentInstant();
        var found = await ImprovementRegister.FindAsync(db, id, now.InZone(reader).Date, ct);
        if (found is null) return Problems.NotFound("improvement");
        http.SetETag(found.Improvement);
        return TypedResults.Ok((await ImprovementRegister.ViewsAsync(db, [found], now, ct))[0]);
    }

    static async Task<Results<Created<ImprovementView>, ProblemHttpResult, ValidationProblem>> Create(
        ImprovementBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var (improvement, broken) = await ImprovementWorkflow.CreateAsync(db, body, now, ct);
        return await Entities.CreateAsync(db, (improvement, broken), Path, i => ViewAsync(db, i, now, ct), http, ct);
    }

    static async Task<Results<Ok<ImprovementView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, ImprovementUpdateBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await Entities.UpdateAsync<Improvement, ImprovementView>(db, id, ifMatch, "improvement",
            i => ImprovementWorkflow.UpdateAsync(db, i, body, now, ct), i => ViewAsync(db, i, now, ct), http, ct);
    }

    /// <summary>Only an improvement still being identified is deleted (with its actions and reviews); later ones are abandoned, so that the register keeps them.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<Improvement>(db, id, ifMatch, "improvement", ct,
            inUse: i => Task.FromResult(i.State is ImprovementState.Identified ? null
                : $"The improvement is {ImprovementStates.Describe(i.State)}; once approved it stays in the register: abandon it instead."),
            remove: async i =>
            {
                db.RemoveRange(await db.ImprovementActions.Where(a => a.ImprovementId == i.Id).ToListAsync(ct));
                db.RemoveRange(await db.ImprovementReviews.Where(r => r.ImprovementId == i.Id).ToListAsync(ct));
                db.Remove(i);
            });

    /// <summary>Moves the improvement (Identified → Approved → InProgress → Achieved | NotAchieved; Abandoned from any open state); out of order is 409.</summary>
    static async Task<Results<Ok<ImprovementView>, ProblemHttpResult, ValidationProblem>> Transition(
        Guid id, ImprovementTransitionBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await Entities.UpdateAsync<Improvement, ImprovementView>(db, id, ifMatch, "improvement",
            i => ImprovementWorkflow.MoveAsync(db, i, body.State!.Value, now, ct), i => ViewAsync(db, i, now, ct), http, ct);
    }

    static async Task<Results<Ok<List<ImprovementActionView>>, ProblemHttpResult, ValidationProblem>> Actions(
        Guid id, StewardDbContext db, IClock clock, CancellationToken ct, string? zone = null)
    {
        var (reader, badZone) = await ImprovementRegister.ReaderZoneAsync(db, zone, ct);
        if (reader is null) return badZone!;
        if (!await db.Improvements.AnyAsync(i => i.Id == id, ct)) return Problems.NotFound("improvement");
        var actions = await db.ImprovementActions.AsNoTracking().Where(a => a.ImprovementId == id).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct);
        var owners = await PartyNames.OfAsync(db, actions.Select(a => (Guid?)a.OwnerId));
        var today = clock.GetCurrentInstant().InZone(reader).Date;
        return TypedResults.Ok(actions.Select(a => ImprovementActionView.Of(a, owners.GetValueOrDefault(a.OwnerId), today)).ToList());
    }

    static async Task<Results<Created<ImprovementActionView>, ProblemHttpResult, ValidationProblem>> AddAction(
        Guid id, ImprovementActionBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var improvement = await db.Improvements.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (improvement is null) return Problems.NotFound("improvement");
        if (await db.ImprovementActions.CountAsync(a => a.ImprovementId == id, ct) >= ImprovementLimits.MaxActions)
            return Problems.Conflict($"An improvement has at most {ImprovementLimits.MaxActions} actions.");
        var now = clock.GetCurrentInstant();
        var action = new ImprovementAction { ImprovementId = id, ProviderId = improvement.ProviderId, Title = body.Title, CreatedAt = now };
        if (await ImprovementWorkflow.ApplyActionAsync(db, improvement, action, body, now, ct) is { } broken)
            return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        db.ImprovementActions.Add(action);
        await db.SaveChangesAsync(ct);
        http.SetETag(action);
        return TypedResults.Created($"{Path}/{id}/actions/{action.Id}", await ActionViewAsync(db, action, now, ct));
    }

    static async Task<Results<Ok<ImprovementActionView>, ProblemHttpResult, ValidationProblem>> UpdateAction(
        Guid id, Guid actionId, ImprovementActionBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var improvement = await db.Improvements.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (improvement is null) return Problems.NotFound("improvement");
        var action = await db.ImprovementActions.SingleOrDefaultAsync(a => a.Id == actionId && a.ImprovementId == id, ct);
        if (action is null) return Problems.NotFound("action of this improvement");
        if (!db.TryExpect(action, ifMatch)) return Problems.PreconditionFailed(action.Version);
        var now = clock.GetCurrentInstant();
        if (await ImprovementWorkflow.ApplyActionAsync(db, improvement, action, body, now, ct) is { } broken)
            return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        await db.SaveChangesAsync(ct);
        http.SetETag(action);
        return TypedResults.Ok(await ActionViewAsync(db, action, now, ct));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAction(Guid id, Guid actionId, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var improvement = await db.Improvements.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (improvement is null) return Problems.NotFound("improvement");
        var action = await db.ImprovementActions.SingleOrDefaultAsync(a => a.Id == actionId && a.ImprovementId == id, ct);
        if (action is null) return Problems.NotFound("action of this improvement");
        if (!db.TryExpect(action, ifMatch)) return Problems.PreconditionFailed(action.Version);
        if (improvement.CheckOpen() is { } closed) return Problems.Conflict(closed);
        db.Remove(action);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<List<ImprovementReviewView>>, ProblemHttpResult>> Reviews(Guid id, StewardDbContext db, CancellationToken ct)
    {
        var measureKey = await db.Improvements.Where(i => i.Id == id).Select(i => i.MeasureKey).SingleOrDefaultAsync(ct);
        if (measureKey is null) return Problems.NotFound("improvement");
        var withhold = ImprovementRedaction.Withheld(db.Actor, measureKey) is not null;
        var reviews = await db.ImprovementReviews.AsNoTracking().Where(r => r.ImprovementId == id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(ct);
        var authors = await PartyNames.OfAsync(db, reviews.Select(r => r.AuthorId));
        return TypedResults.Ok(reviews.Select(r => ImprovementReviewView.Of(r, r.AuthorId is { } a ? authors.GetValueOrDefault(a) : null, withhold)).ToList());
    }

    /// <summary>A dated review; the server measures the value over a window as long as the baseline, ending now.</summary>
    static async Task<Results<Created<ImprovementReviewView>, ProblemHttpResult>> AddReview(
        Guid id, ImprovementReviewBody body, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var improvement = await db.Improvements.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (improvement is null) return Problems.NotFound("improvement");
        var review = await ImprovementWorkflow.ReviewAsync(db, improvement, body.Note, clock.GetCurrentInstant(), ct);
        db.ImprovementReviews.Add(review);
        await db.SaveChangesAsync(ct);
        var author = review.AuthorId is { } a ? (await PartyNames.OfAsync(db, [a])).GetValueOrDefault(a) : null;
        return TypedResults.Created($"{Path}/{id}/reviews", ImprovementReviewView.Of(review, author, ImprovementRedaction.Withheld(db.Actor, improvement) is not null));
    }

    static async Task<ImprovementView> ViewAsync(StewardDbContext db, Improvement i, Instant now, CancellationToken ct)
    {
        var (reader, _) = await ImprovementRegister.ReaderZoneAsync(db, null, ct);
        var found = await ImprovementRegister.FindAsync(db, i.Id, now.InZone(reader!).Date, ct);
        var overdue = found?.Overdue ?? false;
        var owner = (await PartyNames.OfAsync(db, [i.OwnerId])).GetValueOrDefault(i.OwnerId);
        var withheld = ImprovementRedaction.Withheld(db.Actor, i);
        return ImprovementView.Of(i, owner, overdue, i.IsFinal || withheld is not null ? null : await ImprovementMeasures.AtAsync(db, i, now, now, ct), withheld);
    }

    static async Task<ImprovementActionView> ActionViewAsync(StewardDbContext db, ImprovementAction a, Instant now, CancellationToken ct)
    {
        var (reader, _) = await ImprovementRegister.ReaderZoneAsync(db, null, ct);
        var owner = (await PartyNames.OfAsync(db, [a.OwnerId])).GetValueOrDefault(a.OwnerId);
        return ImprovementActionView.Of(a, owner, now.InZone(reader!).Date);
    }
}
