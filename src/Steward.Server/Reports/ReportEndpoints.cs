using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Steward.Core;
using Steward.Server.Api;

namespace Steward.Server.Reports;

/// <summary>
/// The SLA and service-desk reports: compliance by dimension, response times, backlog and ageing,
/// and each performing party's results against its own agreement. Every role that may read the
/// queue may read them (<see cref="Access.Read"/>), over the records its tenancy shows. Each answers
/// JSON, or a spreadsheet with format=csv or format=xlsx.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/sla-compliance", Compliance).RequireAccess(Access.Read);
        group.MapGet("/response-times", Times).RequireAccess(Access.Read);
        group.MapGet("/backlog", Backlog).RequireAccess(Access.Read);
        group.MapGet("/parties", Parties).RequireAccess(Access.Read);
        // The report pages' download buttons: the same exports, for the signed-in browser (its cookie).
        var pages = app.MapGroup("/reports/export").RequireAuthorization().ExcludeFromDescription();
        pages.MapGet("/sla-compliance", Compliance);
        pages.MapGet("/response-times", Times);
        pages.MapGet("/backlog", Backlog);
        pages.MapGet("/parties", Parties);
        return group;
    }

    static async Task<Results<Ok<ComplianceReport>, FileContentHttpResult, ValidationProblem>> Compliance(
        [AsParameters] ReportQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var (scope, format, problem) = Prepare(q, now);
        if (problem is not null) return problem;
        if (!TryDimension(q.By, out var by)) return Problems.Invalid("by", "by is service, customer, priority or party.");
        var report = await SlaCompliance.RunAsync(db, scope!, by, now, ct);
        return format is ReportFormat.Json ? TypedResults.Ok(report)
            : File(ReportTables.Of(report), format, $"sla-compliance-by-{by.ToString().ToLowerInvariant()}", scope!);
    }

    static async Task<Results<Ok<ResponseTimesReport>, FileContentHttpResult, ValidationProblem>> Times(
        [AsParameters] ReportQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var (scope, format, problem) = Prepare(q, clock.GetCurrentInstant());
        if (problem is not null) return problem;
        var report = await ResponseTimes.RunAsync(db, scope!, ct);
        return format is ReportFormat.Json ? TypedResults.Ok(report) : File(ReportTables.Of(report), format, "response-times", scope!);
    }

    static async Task<Results<Ok<BacklogReport>, FileContentHttpResult, ValidationProblem>> Backlog(
        [AsParameters] ReportQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var (scope, format, problem) = Prepare(q, now);
        if (problem is not null) return problem;
        var report = await Reports.Backlog.RunAsync(db, scope!, now, ct);
        return format is ReportFormat.Json ? TypedResults.Ok(report) : File(ReportTables.Of(report), format, "backlog", scope!);
    }

    static async Task<Results<Ok<PartyReport>, FileContentHttpResult, ValidationProblem>> Parties(
        [AsParameters] ReportQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var (scope, format, problem) = Prepare(q, now);
        if (problem is not null) return problem;
        var report = await PartyResults.RunAsync(db, scope!, now, ct);
        return format is ReportFormat.Json ? TypedResults.Ok(report) : File(ReportTables.Of(report), format, "parties", scope!);
    }

    static (ReportScope? Scope, ReportFormat Format, ValidationProblem? Problem) Prepare(ReportQuery q, Instant now)
    {
        if (!ReportFormats.TryParse(q.Format, out var format)) return (null, format, Problems.Invalid("format", "format is json, csv or xlsx."));
        var (scope, problem) = ReportScope.Parse(q, now);
        return (scope, format, problem);
    }

    public static bool TryDimension(string? text, out ComplianceDimension by)
    {
        by = ComplianceDimension.Service;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text.Trim(), ignoreCase: true, out by) && !int.TryParse(text, out _) && Enum.IsDefined(by);
    }

    static FileContentHttpResult File(ReportTable table, ReportFormat format, string name, ReportScope scope)
    {
        var from = scope.DateOf(scope.From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = scope.DateOf(scope.To - Duration.Epsilon).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kind = scope.Kind is { } k ? "-" + k.ToString().ToLowerInvariant() + "s" : "";
        var file = $"steward-{name}{kind}-{from}-to-{to}";
        return format is ReportFormat.Csv
            ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
            : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
    }
}
