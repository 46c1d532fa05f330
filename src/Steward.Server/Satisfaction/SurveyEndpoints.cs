using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Satisfaction;
using Steward.Server.Api;

namespace Steward.Server.Satisfaction;

/// <summary>
/// /api/v1/surveys: the provider's customer-satisfaction surveys. Customers' people do not read
/// them (the tenancy filters); they see their own invitations (<see cref="InvitationEndpoints"/>).
/// </summary>
public static class SurveyEndpoints
{
    public const string Resource = "surveys";
    public const string Path = "/api/v1/surveys";

    static readonly SortField<Survey>[] Sorts = [new("name", s => s.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Satisfaction");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageSurveys);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageSurveys).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageSurveys).ForResource(Resource);
        return group;
    }

    /// <summary>Lists surveys. Sort: name (default), createdAt.</summary>
    static async Task<Results<Ok<Page<SurveyView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? providerId = null)
    {
        var query = db.Surveys.AsNoTracking();
        if (providerId is not null) query = query.Where(s => s.ProviderId == providerId);
        return await Keyset.PageByNameAsync(query, page, Sorts, s => s.Name, SurveyView.Of, ct);
    }

    static Task<Results<Ok<SurveyView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Survey, SurveyView>(db, id, "survey", SurveyView.Of, http, ct);

    static async Task<Results<Created<SurveyView>, ProblemHttpResult, ValidationProblem>> Create(
        SurveyBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var (providerId, invalid) = await SurveyInput.ProviderOfAsync(db, body.ProviderId, ct);
        if (providerId is not { } provider) return Problems.Invalid(invalid!.Field!, invalid.Detail);
        var now = clock.GetCurrentInstant();
        var survey = new Survey { ProviderId = provider, Name = body.Name, CreatedAt = now };
        var broken = await SurveyInput.ApplyAsync(db, survey, body, now.InUtc().Date, ct);
        return await Entities.CreateAsync(db, (survey, broken), Path, s => Task.FromResult(SurveyView.Of(s)), http, ct);
    }

    static Task<Results<Ok<SurveyView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, SurveyBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<Survey, SurveyView>(db, id, ifMatch, "survey",
            survey => SurveyInput.ApplyAsync(db, survey, body, clock.GetCurrentInstant().InUtc().Date, ct), SurveyView.Of, http, ct);

    /// <summary>A survey that has invited anyone keeps its history: deactivate it instead.</summary>
    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<Survey>(db, id, ifMatch, "survey", ct, inUse: InUseAsync(db, ct));

    public static Func<Survey, Task<string?>> InUseAsync(StewardDbContext db, CancellationToken ct) => async survey =>
        await db.SurveyInvitations.IgnoreQueryFilters().AnyAsync(i => i.SurveyId == survey.Id, ct)
            ? "The survey has invited people; their answers stay with it. Set isActive to false to stop it inviting."
            : null;
}
