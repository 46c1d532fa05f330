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

/// <summary>POST and PUT /api/v1/finance/costs. At least one of serviceId, customerId and practiceId.</summary>
public sealed record CostEntryBody(
    [property: Required] Guid ProviderId,
    [property: Required] LocalDate? On,
    [property: Range(-FinanceLimits.MaxAmount, FinanceLimits.MaxAmount)] decimal Amount,
    [property: Required, CurrencyCode] string Currency,
    [property: Required, StringLength(FinanceLimits.Category, MinimumLength = 1), SingleLine] string Category,
    Guid? ServiceId = null,
    Guid? CustomerId = null,
    Guid? PracticeId = null,
    [property: StringLength(Core.Parties.PartyLimits.Text), PlainText] string? Note = null);

public sealed record CostEntryView(Guid Id, Guid ProviderId, LocalDate On, decimal Amount, string Currency, string Category,
    Guid? ServiceId, Guid? CustomerId, Guid? PracticeId, string? Note, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<CostEntry, CostEntryView>> Projection =
        c => new CostEntryView(c.Id, c.ProviderId, c.On, c.Amount, c.Currency, c.Category, c.ServiceId, c.CustomerId, c.PracticeId, c.Note, c.CreatedAt, c.Version);

    public static CostEntryView Of(CostEntry c) =>
        new(c.Id, c.ProviderId, c.On, c.Amount, c.Currency, c.Category, c.ServiceId, c.CustomerId, c.PracticeId, c.Note, c.CreatedAt, c.Version);
}

/// <summary>
/// /api/v1/finance/costs: the provider's other costs (travel, equipment, marketing...), each dated
/// and booked to a service, a customer or a practice. An unknown currency is refused; a known one
/// without a rate is recorded and shows as missing in the P&amp;L.
/// </summary>
public static class CostEntryEndpoints
{
    public const string Resource = "finance-costs";
    public const string Path = "/api/v1/finance/costs";

    static readonly SortField<CostEntry>[] Sorts = [new("createdAt", null)];

    public static RouteGroupBuilder MapCostEntries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Finance");
        group.MapGet("/", List).RequireAccess(Access.ReadCosts);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.ReadCosts).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageFinance);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageFinance).ForResource(Resource);
        return group;
    }

    /// <summary>Lists costs, oldest first. Filters: providerId, serviceId, customerId, practiceId, from and to (dates, inclusive).</summary>
    static async Task<Results<Ok<Page<CostEntryView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? providerId = null, Guid? serviceId = null, Guid? customerId = null, Guid? practiceId = null, string? from = null, string? to = null)
    {
        if (!FinanceChecks.TryDate(from, out var first)) return FinanceChecks.NotADate("from");
        if (!FinanceChecks.TryDate(to, out var last)) return FinanceChecks.NotADate("to");
        var query = db.CostEntries.AsNoTracking();
        if (providerId is not null) query = query.Where(c => c.ProviderId == providerId);
        if (serviceId is not null) query = query.Where(c => c.ServiceId == serviceId);
        if (customerId is not null) query = query.Where(c => c.CustomerId == customerId);
        if (practiceId is not null) query = query.Where(c => c.PracticeId == practiceId);
        if (first is { } f) query = query.Where(c => c.On >= f);
        if (last is { } l) query = query.Where(c => c.On <= l);
        return await Keyset.PageAsync(query, page, Sorts, CostEntryView.Projection, _ => "", v => v.Id, ct);
    }

    static Task<Results<Ok<CostEntryView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<CostEntry, CostEntryView>(db, id, "cost", CostEntryView.Of, http, ct);

    static async Task<Results<Created<CostEntryView>, ProblemHttpResult, ValidationProblem>> Create(
        CostEntryBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (await FinanceChecks.ProviderAsync(db, body.ProviderId, ct) is { } provider) return Problems.Invalid(provider.Field!, provider.Detail);
        var cost = new CostEntry { ProviderId = body.ProviderId, Currency = body.Currency, Category = body.Category, CreatedAt = clock.GetCurrentInstant() };
        return await Entities.CreateAsync(db, (cost, await ApplyAsync(db, cost, body, ct)), Path, c => Task.FromResult(CostEntryView.Of(c)), http, ct);
    }

    static Task<Results<Ok<CostEntryView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, CostEntryBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<CostEntry, CostEntryView>(db, id, ifMatch, "cost", cost => ApplyAsync(db, cost, body, ct), CostEntryView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<CostEntry>(db, id, ifMatch, "cost", ct);

    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, CostEntry cost, CostEntryBody body, CancellationToken ct)
    {
        var provider = cost.ProviderId;
        if (body.ProviderId != provider) return new("A cost stays with its provider; record it anew for the other provider.", "providerId");
        if (body.Amount == 0) return new("A cost has an amount: positive for a cost, negative for a credit.", "amount");
        if (body.ServiceId is null && body.CustomerId is null && body.PracticeId is null)
            return new("Book the cost to a service, a customer or a practice (one at least).", "serviceId");
        if (await FinanceChecks.ServiceAsync(db, provider, body.ServiceId, "serviceId", ct) is { } service) return service;
        if (await FinanceChecks.CustomerAsync(db, provider, body.CustomerId, "customerId", ct) is { } customer) return customer;
        if (await FinanceChecks.PracticeAsync(db, provider, body.PracticeId, "practiceId", ct) is { } practice) return practice;
        cost.On = body.On!.Value;
        cost.Amount = body.Amount;
        cost.Currency = body.Currency;
        cost.Category = body.Category.Trim();
        cost.ServiceId = body.ServiceId;
        cost.CustomerId = body.CustomerId;
        cost.PracticeId = body.PracticeId;
        cost.Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note;
        return null;
    }
}
