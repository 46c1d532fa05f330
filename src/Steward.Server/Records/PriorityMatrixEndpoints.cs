using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Records;

/// <summary>Rows: impact High, Medium, Low. Columns: urgency High, Medium, Low. Cells: priority 1 (critical) to 5 (planning).</summary>
public sealed record PriorityMatrixBody([property: Required] int[][] Cells);

public sealed record PriorityMatrixView(Guid ProviderId, int[][] Cells, bool IsDefault, long Version);

/// <summary>A provider's impact × urgency → priority matrix. Changing it sets the priority of records logged from then on.</summary>
public static class PriorityMatrixEndpoints
{
    public static RouteGroupBuilder MapPriorityMatrix(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/priority-matrix").WithTags("Records");
        group.MapGet("/{providerId:guid}", Get).RequireAccess(Access.Read);
        group.MapPut("/{providerId:guid}", Put).RequireAccess(Access.ManageSla);
        return group;
    }

    static async Task<Results<Ok<PriorityMatrixView>, ProblemHttpResult>> Get(Guid providerId, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct)) return Problems.NotFound("provider");
        var setting = await db.PrioritySettings.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == providerId, ct);
        http.Response.Headers.ETag = ETags.Of(setting?.Version ?? 0);
        return TypedResults.Ok(View(providerId, setting));
    }

    /// <summary>If-Match: the ETag of the GET ("0" while the provider uses the default), or *.</summary>
    static async Task<Results<Ok<PriorityMatrixView>, ProblemHttpResult, ValidationProblem>> Put(
        Guid providerId, PriorityMatrixBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct)) return Problems.NotFound("provider");
        if (PriorityMatrix.Check(body.Cells) is { } broken) return Problems.Invalid(broken.Field!, broken.Detail);
        var setting = await db.PrioritySettings.SingleOrDefaultAsync(p => p.OrganizationId == providerId, ct);
        if (!ifMatch.Matches(setting?.Version ?? 0)) return Problems.PreconditionFailed(setting?.Version ?? 0);
        var matrix = new PriorityMatrix(body.Cells).ToString();
        if (setting is null) db.PrioritySettings.Add(setting = new PrioritySetting { OrganizationId = providerId, Matrix = matrix, Version = 1 });
        else
        {
            db.TryExpect(setting, ifMatch);
            setting.Matrix = matrix;
        }
        await db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = ETags.Of(setting.Version);
        return TypedResults.Ok(View(providerId, setting));
    }

    static PriorityMatrixView View(Guid providerId, PrioritySetting? setting) =>
        new(providerId, (setting is null ? PriorityMatrix.Default : PriorityMatrix.Parse(setting.Matrix)).Cells, setting is null, setting?.Version ?? 0);
}
