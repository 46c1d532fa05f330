using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Server.Api;
using Steward.Server.Knowledge;

namespace Steward.Server.Ui.Knowledge;

/// <summary>
/// The community page's download buttons: the API's measures export for the signed-in browser (its
/// cookie; the API takes bearer tokens only), as the report pages have /reports/export.
/// </summary>
public static class KnowledgeExports
{
    public const string Path = "/knowledge/export";

    public static void MapKnowledgeExports(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Path).RequireAuthorization().ExcludeFromDescription();
        pages.MapGet("/communities/{id:guid}/measures", Measures);
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Measures(
        Guid id, [AsParameters] MeasuresQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (community is null) return Problems.NotFound("community");
        var now = clock.GetCurrentInstant();
        var (scope, problem) = MeasuresScope.Parse(q, now);
        if (problem is not null) return problem;
        // A page's button always asks for a file; a missing format means CSV rather than JSON for a browser to save.
        var format = scope!.Format is Steward.Server.Reports.ReportFormat.Json ? Steward.Server.Reports.ReportFormat.Csv : scope.Format;
        var measures = await KnowledgeMeasures.RunAsync(db, community, scope, now, ct);
        return KnowledgeMeasures.File(measures, scope, format, community.Name);
    }
}
