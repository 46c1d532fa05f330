using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Finance;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>POST and PUT /api/v1/finance/supplier-charges. The provider is the agreement's.</summary>
public sealed record SupplierChargeBody(
    [property: Required] Guid AgreementId,
    [property: Range(0, FinanceLimits.MaxAmount)] decimal Amount,
    [property: Required, CurrencyCode] string Currency,
    [property: Required] LocalDate? Start,
    ChargePeriod Period = ChargePeriod.Monthly,
    LocalDate? End = null,
    Guid? CustomerId = null,
    [property: StringLength(Core.Parties.PartyLimits.Text), PlainText] string? Note = null);

public sealed record SupplierChargeView(Guid Id, Guid ProviderId, Guid AgreementId, decimal Amount, string Currency, ChargePeriod Period,
    LocalDate Start, LocalDate? End, Guid? CustomerId, string? Note, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<SupplierCharge, SupplierChargeView>> Projection = c =>
        new SupplierChargeView(c.Id, c.ProviderId, c.AgreementId, c.Amount, c.Currency, c.Period, c.Start, c.End, c.CustomerId, c.Note, c.CreatedAt, c.Version);

    public static SupplierChargeView Of(SupplierCharge c) =>
        new(c.Id, c.ProviderId, c.AgreementId, c.Amount, c.Currency, c.Period, c.Start, c.End, c.CustomerId, c.Note, c.CreatedAt, c.Version);
}

/// <summary>
/// /api/v1/finance/supplier-charges: what the provider pays under its underpinning contracts, per
/// period and from a start day; a renegotiated price is a new row. Prorated by day like revenue,
/// and booked to the contract's service (none: provider-wide) and to one customer when given.
/// </summary>
public static class SupplierChargeEndpoints
{
    public const string Resource = "supplier-charges";
    public const string Path = "/api/v1/finance/supplier-charges";

    static readonly SortField<SupplierCharge>[] Sorts = [new("createdAt", null)];

    public static RouteGroupBuilder MapSupplierCharges(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Finance");
        group.MapGet("/", List).RequireAccess(Access.ReadCosts);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.ReadCosts).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageFinance);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageFinance).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageFinance).ForResource(Resource);
        return group;
    }

    /// <summary>Lists supplier charges, oldest first. Filters: providerId, agreementId, customerId.</summary>
    static Task<Results<Ok<Page<SupplierChargeView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? providerId = null, Guid? agreementId = null, Guid? customerId = null)
    {
        var query = db.SupplierCharges.AsNoTracking();
        if (providerId is not null) query = query.Where(c => c.ProviderId == providerId);
        if (agreementId is not null) query = query.Where(c => c.AgreementId == agreementId);
        if (customerId is not null) query = query.Where(c => c.CustomerId == customerId);
        return Keyset.PageAsync(query, page, Sorts, SupplierChargeView.Projection, _ => "", v => v.Id, ct);
    }

    static Task<Results<Ok<SupplierChargeView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<SupplierCharge, SupplierChargeView>(db, id, "supplier charge", SupplierChargeView.Of, http, ct);

    static async Task<Results<Created<SupplierChargeView>, ProblemHttpResult, ValidationProblem>> Create(
        SupplierChargeBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        // The provider's own underpinning contracts only: one a customer answers for is the customer's cost, not the provider's.
        var agreement = await db.AgreementRecords.AsNoTracking().Where(a => a.Id == body.AgreementId)
            .Select(a => new { a.ProviderId, a.Type, a.AccountableId }).SingleOrDefaultAsync(ct);
        if (agreement is null || agreement.Type is not AgreementType.UnderpinningContract || agreement.AccountableId != agreement.ProviderId
            || await FinanceChecks.ProviderAsync(db, agreement.ProviderId, ct) is not null)
            return Problems.Invalid("agreementId", "No underpinning contract the provider answers for has this id.");
        var charge = new SupplierCharge { ProviderId = agreement.ProviderId, AgreementId = body.AgreementId, Currency = body.Currency, CreatedAt = clock.GetCurrentInstant() };
        return await Entities.CreateAsync(db, (charge, await ApplyAsync(db, charge, body, ct)), Path, c => Task.FromResult(SupplierChargeView.Of(c)), http, ct);
    }

    static Task<Results<Ok<SupplierChargeView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, SupplierChargeBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<SupplierCharge, SupplierChargeView>(db, id, ifMatch, "supplier charge", charge => ApplyAsync(db, charge, body, ct), SupplierChargeView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<SupplierCharge>(db, id, ifMatch, "supplier charge", ct);

    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, SupplierCharge charge, SupplierChargeBody body, CancellationToken ct)
    {
        if (body.AgreementId != charge.AgreementId) return new("A charge stays with its contract; record one under the other contract instead.", "agreementId");
        var start = body.Start!.Value;
        if (Subscription.CheckDates(start, body.End) is { } dates) return dates;
        if (await FinanceChecks.CustomerAsync(db, charge.ProviderId, body.CustomerId, "customerId", ct) is { } customer) return customer;
        charge.Amount = body.Amount;
        charge.Currency = body.Currency;
        charge.Period = body.Period;
        charge.Start = start;
        charge.End = body.End;
        charge.CustomerId = body.CustomerId;
        charge.Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note;
        return null;
    }
}
