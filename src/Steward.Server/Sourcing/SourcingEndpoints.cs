using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Api;

namespace Steward.Server.Sourcing;

/// <summary>What the sourcing model concludes: profiles, the provider overview, the matrix, the ISO/IEC 20000 scope.</summary>
public static class SourcingEndpoints
{
    public static RouteGroupBuilder MapSourcing(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sourcing").WithTags("Sourcing");
        group.MapGet("/profile", Profile).RequireAccess(Access.Read);
        group.MapGet("/review", RelationshipReview.GetAsync).RequireAccess(Access.Read);
        group.MapGet("/overview", Overview).RequireAccess(Access.Read);
        group.MapGet("/matrix", Matrix).RequireAccess(Access.Read);
        group.MapGet("/matrix/export", Export).RequireAccess(Access.Read);
        group.MapGet("/iso20000-scope", Scope).RequireAccess(Access.Read);
        // The matrix page's download links: the same export, for the signed-in browser (its cookie).
        app.MapGet("/sourcing/matrix/export", Export).RequireAuthorization().ExcludeFromDescription();
        return group;
    }

    internal static ProblemHttpResult NotVisible(string field) => TypedResults.Problem(statusCode: 404, title: "Not found",
        detail: field == "customerId"
            ? "No such provider–customer relationship exists in your tenancy: customerId must be a customer the provider serves (providerId)."
            : $"No provider with this {field} exists in your tenancy.",
        extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>How the provider sources each service the customer subscribes to: the derived kind, the agreements, the evidence.</summary>
    static async Task<Results<Ok<SourcingProfileView>, ProblemHttpResult>> Profile(
        Guid providerId, Guid customerId, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (!await SourcingLoader.MaySeeAsync(db, providerId, customerId, ct))
            return NotVisible(await SourcingLoader.MaySeeAsync(db, providerId, null, ct) ? "customerId" : "providerId");
        var model = await SourcingLoader.LoadAsync(db, providerId, customerId, SourcingLoader.Today(clock), ct);
        return TypedResults.Ok(SourcingViewsBuilder.Profile(model, customerId));
    }

    /// <summary>Every relationship of the provider by derived kind, and every subscription whose claim the assignments contradict.</summary>
    static async Task<Results<Ok<SourcingOverviewView>, ProblemHttpResult>> Overview(Guid providerId, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (!await SourcingLoader.MaySeeAsync(db, providerId, null, ct)) return NotVisible("providerId");
        var model = await SourcingLoader.LoadAsync(db, providerId, null, SourcingLoader.Today(clock), ct);
        return TypedResults.Ok(SourcingViewsBuilder.Overview(model));
    }

    /// <summary>Services × processes (and processes → services): for one customer, or the service-wide assignments with each customer's own.</summary>
    static async Task<Results<Ok<SourcingMatrix>, ProblemHttpResult>> Matrix(
        Guid providerId, StewardDbContext db, IClock clock, CancellationToken ct, Guid? customerId = null)
    {
        if (await LoadMatrixAsync(db, clock, providerId, customerId, ct) is not { } matrix)
            return NotVisible(customerId is not null && await SourcingLoader.MaySeeAsync(db, providerId, null, ct) ? "customerId" : "providerId");
        return TypedResults.Ok(matrix);
    }

    /// <summary>The matrix as a spreadsheet: format=csv (default) or xlsx.</summary>
    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Export(
        Guid providerId, StewardDbContext db, IClock clock, CancellationToken ct, Guid? customerId = null, string format = "csv")
    {
        if (format is not ("csv" or "xlsx")) return Problems.Invalid("format", "Export as csv or xlsx.");
        if (await LoadMatrixAsync(db, clock, providerId, customerId, ct) is not { } matrix)
            return NotVisible(customerId is null ? "providerId" : "customerId");
        return format == "csv"
            ? TypedResults.File(MatrixExport.Csv(matrix), "text/csv; charset=utf-8", MatrixExport.FileName(matrix, "csv"))
            : TypedResults.File(MatrixExport.Xlsx(matrix), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MatrixExport.FileName(matrix, "xlsx"));
    }

    public static async Task<SourcingMatrix?> LoadMatrixAsync(StewardDbContext db, IClock clock, Guid providerId, Guid? customerId, CancellationToken ct)
    {
        if (!await SourcingLoader.MaySeeAsync(db, providerId, customerId, ct)) return null;
        var model = await SourcingLoader.LoadAsync(db, providerId, customerId, SourcingLoader.Today(clock), ct);
        return SourcingViewsBuilder.Matrix(model, customerId);
    }

    /// <summary>What the organization may certify under ISO/IEC 20000-1, what it must leave to its customers, and the evidence for it.</summary>
    static async Task<Results<Ok<Iso20000ScopeView>, ProblemHttpResult>> Scope(Guid organizationId, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (await ScopeOfAsync(db, clock, organizationId, ct) is not { } scope) return NotVisible("organizationId");
        return TypedResults.Ok(scope);
    }

    public static async Task<Iso20000ScopeView?> ScopeOfAsync(StewardDbContext db, IClock clock, Guid organizationId, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null) return null;
        var today = SourcingLoader.Today(clock);
        var model = await SourcingLoader.LoadAsync(db, organizationId, null, today, ct);
        // Internal services: live services no other organization subscribes to, which the organization
        // uses itself: technical and supporting services (what its other services run on), and any
        // service it subscribes to. A business service nobody subscribes to is delivered to no one.
        var internalServices = await db.Services.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == organizationId && s.Lifecycle == ServiceLifecycle.Live
                && !db.Subscriptions.IgnoreQueryFilters().Any(x => x.ServiceId == s.Id && x.CustomerId != organizationId && (x.End == null || x.End >= today))
                && (s.Type != ServiceType.Business
                    || db.Subscriptions.IgnoreQueryFilters().Any(x => x.ServiceId == s.Id && x.CustomerId == organizationId && (x.End == null || x.End >= today))))
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name })
            .ToListAsync(ct);
        var result = Iso20000Scope.For(model, Party.Of(organization), internalServices.Select(s => (s.Id, s.Name)));
        return Iso20000ScopeView.Of(result);
    }
}
