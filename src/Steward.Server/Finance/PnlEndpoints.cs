using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Steward.Core;
using Steward.Server.Api;
using Steward.Server.Reports;
using Steward.Server.Sourcing;

namespace Steward.Server.Finance;

/// <summary>
/// GET /api/v1/finance/pnl: a provider's profit and loss for a period (default: the last 90 days),
/// grouped by service, customer, practice, kind of sourcing or month, as JSON, CSV or XLSX; and
/// /api/v1/finance/pnl/rows: the rows behind each figure.
/// </summary>
public static class PnlEndpoints
{
    public const string Path = "/api/v1/finance/pnl";
    public const string RowsPath = "/api/v1/finance/pnl/rows";

    public static void MapPnl(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Report).WithTags("Finance").RequireAccess(Access.ReadCosts);
        app.MapGet(RowsPath, Rows).WithTags("Finance").RequireAccess(Access.ReadCosts);
        // The P&L page's download buttons: the same export, for the signed-in browser (its cookie), by the same roles.
        app.MapGet("/finance/export", Report).RequireAuthorization(p => p.RequireRole(Access.RolesOf[Access.ReadCosts])).ExcludeFromDescription();
    }

    static async Task<Results<Ok<PnlView>, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Report(
        [AsParameters] PnlQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var (request, problem) = PnlRequest.Parse(q, clock.GetCurrentInstant());
        if (request is null) return problem!;
        var (currency, gate) = await request.GateAsync(db, ct);
        if (gate is not null) return gate;
        if (await request.CheckCustomerAsync(db, ct) is { } notServed) return notServed;
        var report = await PnlReport.RunAsync(db, request, currency!, SourcingLoader.Today(clock), ct);
        if (request.Format is ReportFormat.Json) return TypedResults.Ok(report);
        var file = string.Create(CultureInfo.InvariantCulture,
            $"steward-pnl-by-{request.GroupBy.ToString().ToLowerInvariant()}-{PnlRequest.Iso(request.Period.Start)}-to-{PnlRequest.Iso(request.Period.End)}");
        var table = PnlTable.Of(report);
        return request.Format is ReportFormat.Csv
            ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
            : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
    }

    static Task<Results<Ok<Page<PnlDrillRow>>, ProblemHttpResult, ValidationProblem>> Rows(
        [AsParameters] PnlRowsQuery q, StewardDbContext db, IClock clock, CancellationToken ct) => PnlRows.RunAsync(q, db, clock, ct);
}
