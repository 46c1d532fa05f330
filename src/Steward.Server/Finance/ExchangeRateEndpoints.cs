using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Finance;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>POST and PUT /api/v1/finance/rates: one <c>from</c> is worth <c>rate</c> of <c>to</c> from the day <c>on</c>.</summary>
public sealed record ExchangeRateBody(
    [property: Required] Guid ProviderId,
    [property: Required, CurrencyCode] string From,
    [property: Required, CurrencyCode] string To,
    [property: Required] LocalDate? On,
    [property: Range(typeof(decimal), "0.00000001", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)] decimal Rate);

public sealed record ExchangeRateView(Guid Id, Guid ProviderId, string From, string To, LocalDate On, decimal Rate, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<ExchangeRate, ExchangeRateView>> Projection =
        r => new ExchangeRateView(r.Id, r.ProviderId, r.From, r.To, r.On, r.Rate, r.CreatedAt, r.Version);

    public static ExchangeRateView Of(ExchangeRate r) => new(r.Id, r.ProviderId, r.From, r.To, r.On, r.Rate, r.CreatedAt, r.Version);
}

/// <summary>
/// /api/v1/finance/rates: a provider's dated exchange rates. One rate per pair and day (409 for a
/// second); the P&amp;L converts with the latest on or before an amount's day, straight into the
/// reporting currency only.
/// </summary>
public static class ExchangeRateEndpoints
{
    public const string Resource = "finance-rates";
    public const string Path = "/api/v1/finance/rates";

    static readonly SortField<ExchangeRate>[] Sorts = [new("createdAt", null)];

    public static RouteGroupBuilder MapExchangeRates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Finance");
        group.MapGet("/", List).RequireAccess(Access.ReadCosts);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.ReadCosts).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageFinance);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageFinance).ForResource(Resource);
        return group;
    }

    /// <summary>Lists exchange rates, oldest first. Filters: providerId, from, to (currency codes).</summary>
    static async Task<Results<Ok<Page<ExchangeRateView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? providerId = null, string? from = null, string? to = null)
    {
        if (!FinanceChecks.IsCurrency(from)) return Problems.Invalid("from", "from must be an ISO 4217 currency code such as USD.");
        if (!FinanceChecks.IsCurrency(to)) return Problems.Invalid("to", "to must be an ISO 4217 currency code such as EUR.");
        var query = db.ExchangeRates.AsNoTracking();
        if (providerId is not null) query = query.Where(r => r.ProviderId == providerId);
        if (from is not null) query = query.Where(r => r.From == from);
        if (to is not null) query = query.Where(r => r.To == to);
        return await Keyset.PageAsync(query, page, Sorts, ExchangeRateView.Projection, _ => "", v => v.Id, ct);
    }

    static Task<Results<Ok<ExchangeRateView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<ExchangeRate, ExchangeRateView>(db, id, "exchange rate", ExchangeRateView.Of, http, ct);

    static async Task<Results<Created<ExchangeRateView>, ProblemHttpResult, ValidationProblem>> Create(
        ExchangeRateBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (await FinanceChecks.ProviderAsync(db, body.ProviderId, ct) is { } provider) return Problems.Invalid(provider.Field!, provider.Detail);
        var rate = new ExchangeRate { ProviderId = body.ProviderId, From = body.From, To = body.To, CreatedAt = clock.GetCurrentInstant() };
        return await Entities.CreateAsync(db, (rate, await ApplyAsync(db, rate, body, ct)), Path, r => Task.FromResult(ExchangeRateView.Of(r)), http, ct);
    }

    static Task<Results<Ok<ExchangeRateView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, ExchangeRateBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<ExchangeRate, ExchangeRateView>(db, id, ifMatch, "exchange rate", rate => ApplyAsync(db, rate, body, ct), ExchangeRateView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<ExchangeRate>(db, id, ifMatch, "exchange rate", ct);

    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, ExchangeRate rate, ExchangeRateBody body, CancellationToken ct)
    {
        if (body.ProviderId != rate.ProviderId) return new("A rate stays with its provider; record one for the other provider instead.", "providerId");
        if (body.From == body.To) return new("A rate converts between two different currencies.", "to");
        var on = body.On!.Value;
        if (await db.ExchangeRates.AnyAsync(r => r.ProviderId == rate.ProviderId && r.From == body.From && r.To == body.To && r.On == on && r.Id != rate.Id, ct))
            return new($"A {body.From}→{body.To} rate from {on:yyyy-MM-dd} is already recorded; change that one instead.");
        rate.From = body.From;
        rate.To = body.To;
        rate.On = on;
        rate.Rate = body.Rate;
        return null;
    }
}
