using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>
/// /api/v1/practices: the provider's professional consulting practices. Read by those who read
/// costs (a practice carries its budget); kept by those who keep the books.
/// </summary>
public static class PracticeEndpoints
{
    public const string Resource = "practices";
    public const string Path = "/api/v1/practices";

    static readonly SortField<ProfessionalPractice>[] Sorts = [new("name", p => p.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapPractices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Finance");
        group.MapGet("/", List).RequireAccess(Access.ReadCosts);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.ReadCosts).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageFinance);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapPost("/{id:guid}/archive", Archive).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapPost("/{id:guid}/restore", Restore).RequireAccess(Access.ManageFinance).ForResource(Resource);
        return group;
    }

    /// <summary>Lists practices by name. Filters: providerId, serviceId (the practice it belongs to), includeArchived.</summary>
    static async Task<Results<Ok<Page<PracticeView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? providerId = null, Guid? serviceId = null, bool includeArchived = false)
    {
        var query = db.ProfessionalPractices.AsNoTracking();
        if (providerId is not null) query = query.Where(p => p.ProviderId == providerId);
        if (serviceId is not null) query = query.Where(p => db.PracticeServices.Any(s => s.PracticeId == p.Id && s.ServiceId == serviceId));
        if (!includeArchived) query = query.Where(p => p.ArchivedAt == null);
        var result = await Keyset.PageByNameAsync(query, page, Sorts, p => p.Name, p => p, ct);
        if (result.Result is not Ok<Page<ProfessionalPractice>> { Value: { } found }) return (ValidationProblem)result.Result;
        var ids = found.Items.Select(p => p.Id).ToList();
        var services = (await db.PracticeServices.AsNoTracking().Where(s => ids.Contains(s.PracticeId)).Select(s => new { s.PracticeId, s.ServiceId }).ToListAsync(ct))
            .ToLookup(s => s.PracticeId, s => s.ServiceId);
        return TypedResults.Ok(new Page<PracticeView>(found.Items.Select(p => PracticeView.Of(p, [.. services[p.Id].Order()])).ToList(), found.Next));
    }

    static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var practice = await db.ProfessionalPractices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (practice is null) return Problems.NotFound("practice");
        http.SetETag(practice);
        return TypedResults.Ok(PracticeView.Of(practice, await PracticeInput.ServicesOfAsync(db, id, ct)));
    }

    static async Task<Results<Created<PracticeView>, ProblemHttpResult, ValidationProblem>> Create(
        PracticeBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (await FinanceChecks.ProviderAsync(db, body.ProviderId, ct) is { } provider) return Problems.Invalid(provider.Field!, provider.Detail);
        var practice = new ProfessionalPractice { ProviderId = body.ProviderId, Name = body.Name, CreatedAt = clock.GetCurrentInstant() };
        return await Entities.CreateAsync(db, (practice, await PracticeInput.ApplyAsync(db, practice, body, ct)), Path,
            async p => PracticeView.Of(p, await PracticeInput.ServicesOfAsync(db, p.Id, ct)), http, ct);
    }

    static Task<Results<Ok<PracticeView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, PracticeBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<ProfessionalPractice, PracticeView>(db, id, ifMatch, "practice", p => PracticeInput.ApplyAsync(db, p, body, ct),
            async p => PracticeView.Of(p, await PracticeInput.ServicesOfAsync(db, p.Id, ct)), http, ct);

    /// <summary>A practice that costs were booked to stays: archive it instead, so that its history keeps its name.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<ProfessionalPractice>(db, id, ifMatch, "practice", ct,
            inUse: async p => await db.CostEntries.IgnoreQueryFilters().CountAsync(c => c.PracticeId == p.Id, ct) is > 0 and var costs
                ? $"{costs} costs are booked to '{p.Name}'; archive it instead (POST {Path}/{id}/archive)."
                : null,
            remove: async p =>
            {
                db.PracticeServices.RemoveRange(await db.PracticeServices.Where(s => s.PracticeId == p.Id).ToListAsync(ct));
                db.ProfessionalPractices.Remove(p);
            });

    static Task<Results<Ok<PracticeView>, ProblemHttpResult>> Archive(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        SetArchivedAsync(id, ifMatch, db, http, archive: true, clock, ct);

    static Task<Results<Ok<PracticeView>, ProblemHttpResult>> Restore(Guid id, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        SetArchivedAsync(id, ifMatch, db, http, archive: false, clock, ct);

    static async Task<Results<Ok<PracticeView>, ProblemHttpResult>> SetArchivedAsync(
        Guid id, IfMatch ifMatch, StewardDbContext db, HttpContext http, bool archive, IClock clock, CancellationToken ct)
    {
        var (practice, problem) = await Archiving.SetArchivedAsync<ProfessionalPractice>(db, id, ifMatch, archive, clock.GetCurrentInstant(), "practice", ct);
        if (problem is not null) return problem;
        http.SetETag(practice!);
        return TypedResults.Ok(PracticeView.Of(practice!, await PracticeInput.ServicesOfAsync(db, id, ct)));
    }
}
