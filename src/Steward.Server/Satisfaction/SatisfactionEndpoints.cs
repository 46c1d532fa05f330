using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Satisfaction;
using Steward.Server.Api;
using Steward.Server.Reports;
using Steward.Server.Sourcing;

namespace Steward.Server.Satisfaction;

/// <summary>
/// GET /api/v1/satisfaction: the report (JSON, CSV or XLSX); the follow-ups low ratings opened;
/// and a provider–customer relationship's satisfaction for its sourcing profile.
/// </summary>
public static class SatisfactionEndpoints
{
    public const string FollowUpResource = "satisfaction-follow-ups";

    public static void MapSatisfactionResults(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/satisfaction").WithTags("Satisfaction");
        group.MapGet("/", Report).RequireAccess(Access.ReadSatisfaction);
        group.MapGet("/follow-ups", List).RequireAccess(Access.ReadSatisfaction);
        group.MapPost("/follow-ups/{id:guid}/complete", Complete).RequireAccess(Access.WorkRecords).ForResource(FollowUpResource);
        app.MapGet("/api/v1/sourcing/profile/satisfaction", Relationship).WithTags("Sourcing").RequireAccess(Access.ReadSatisfaction);
        // The report page's download buttons: the same export, for the signed-in browser (its cookie), by the same roles.
        app.MapGet("/satisfaction/export", Report).RequireAuthorization(p => p.RequireRole(Access.RolesOf[Access.ReadSatisfaction])).ExcludeFromDescription();
    }

    static async Task<Results<Ok<SatisfactionReportView>, FileContentHttpResult, ValidationProblem>> Report(
        [AsParameters] SatisfactionQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (!ReportFormats.TryParse(q.Format, out var format)) return Problems.Invalid("format", "format is json, csv or xlsx.");
        var (request, problem) = SatisfactionRequest.Parse(q, clock.GetCurrentInstant());
        if (request is null) return problem!;
        var report = await SatisfactionReport.RunAsync(db, request, ct);
        if (format is ReportFormat.Json) return TypedResults.Ok(report);
        var from = request.DateOf(request.From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = request.DateOf(request.To - Duration.Epsilon).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var file = $"steward-satisfaction-by-{request.GroupBy.ToString().ToLowerInvariant()}-{from}-to-{to}";
        var table = SatisfactionTable.Of(report);
        return format is ReportFormat.Csv
            ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
            : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
    }

    /// <summary>Follow-ups, newest first: state=open (default), done or all; optionally of one record.</summary>
    static async Task<Results<Ok<Page<FollowUpView>>, ValidationProblem>> List(StewardDbContext db, CancellationToken ct,
        string? state = null, Guid? recordId = null, [FromQuery] int? limit = null, string? cursor = null)
    {
        if (limit is < 1 or > PageQuery.MaxLimit) return Problems.Invalid("limit", $"The limit is 1 to {PageQuery.MaxLimit}.");
        var followUps = db.SatisfactionFollowUps.AsQueryable();
        switch (state?.Trim().ToLowerInvariant())
        {
            case null or "" or "open": followUps = followUps.Where(f => f.State == FollowUpState.Open); break;
            case "done": followUps = followUps.Where(f => f.State == FollowUpState.Done); break;
            case "all": break;
            default: return Problems.Invalid("state", "state is open, done or all.");
        }
        if (recordId is { } record) followUps = followUps.Where(f => f.RecordId == record);
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var after)) return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");
            var id = after.Id;
            followUps = followUps.Where(f => f.Id.CompareTo(id) < 0);
        }
        var take = limit ?? PageQuery.DefaultLimit;
        var items = await FollowUps.Views(db, followUps).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            next = new Cursor("", items[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<FollowUpView>(items, next));
    }

    static async Task<Results<Ok<FollowUpView>, ProblemHttpResult, ValidationProblem>> Complete(
        Guid id, CompleteFollowUpBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var (followUp, broken, stale) = await FollowUps.CompleteAsync(db, id, f => db.TryExpect(f, ifMatch), body.Outcome, clock.GetCurrentInstant(), ct);
        if (followUp is null) return Problems.NotFound("follow-up");
        if (stale) return Problems.PreconditionFailed(followUp.Version);
        if (broken is not null) return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        http.SetETag(followUp);
        return TypedResults.Ok(await FollowUps.Views(db, db.SatisfactionFollowUps.Where(f => f.Id == id)).SingleAsync(ct));
    }

    /// <summary>
    /// Satisfaction within a provider–customer relationship, per service (under the kind of sourcing
    /// the ratings were given in) and per party, for the period (default: the last 90 days): what
    /// the sourcing profile shows beside the derived kinds. The provider's people read it; the
    /// customer's do not (as in the report, nobody of a customer reads its colleagues' answers).
    /// </summary>
    static async Task<Results<Ok<RelationshipSatisfactionView>, ProblemHttpResult, ValidationProblem>> Relationship(
        Guid providerId, Guid customerId, StewardDbContext db, IClock clock, CancellationToken ct, string? from = null, string? to = null, string? zone = null)
    {
        var (request, problem) = SatisfactionRequest.Parse(new SatisfactionQuery { From = from, To = to, Zone = zone }, clock.GetCurrentInstant());
        if (request is null) return problem!;
        if (!db.Actor.Sees(providerId) || !await SourcingLoader.MaySeeAsync(db, providerId, customerId, ct))
            return TypedResults.Problem(statusCode: 404, title: "Not found",
                detail: "No such provider–customer relationship exists in your tenancy: customerId must be a customer the provider serves (providerId).");
        return TypedResults.Ok(await SatisfactionReport.OfRelationshipAsync(db, providerId, customerId, request.From, request.To, ct));
    }
}
