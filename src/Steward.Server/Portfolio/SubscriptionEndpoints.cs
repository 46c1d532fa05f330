using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Api;

namespace Steward.Server.Portfolio;

public static class SubscriptionEndpoints
{
    public const string Resource = "subscriptions";

    static readonly SortField<Subscription>[] Sorts = [new("createdAt", null)];

    public static RouteGroupBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subscriptions").WithTags("Subscriptions");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManagePortfolio);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManagePortfolio).ForResource(Resource);
        return group;
    }

    /// <summary>Lists subscriptions, oldest first (sort: createdAt).</summary>
    static Task<Results<Ok<Page<SubscriptionView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? customerId = null, Guid? serviceId = null, Guid? offeringId = null, Guid? providerId = null)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (customerId is not null) query = query.Where(s => s.CustomerId == customerId);
        if (serviceId is not null) query = query.Where(s => s.ServiceId == serviceId);
        if (offeringId is not null) query = query.Where(s => s.OfferingId == offeringId);
        if (providerId is not null) query = query.Where(s => s.ProviderId == providerId);
        return Keyset.PageAsync(query, page, Sorts, SubscriptionView.Projection, _ => "", v => v.Id, ct);
    }

    static Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<Subscription, SubscriptionView>(db, id, "subscription", SubscriptionView.Of, http, ct);

    static async Task<Results<Created<SubscriptionView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateSubscription body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        await Entities.CreateAsync(db, await db.NewSubscriptionAsync(body, clock.GetCurrentInstant(), ct), "/api/v1/subscriptions", s => Task.FromResult(SubscriptionView.Of(s)), http, ct);

    static Task<Results<Ok<SubscriptionView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, UpdateSubscription body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<Subscription, SubscriptionView>(db, id, ifMatch, "subscription", s => db.UpdateSubscriptionAsync(s, body, ct), SubscriptionView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<Subscription>(db, id, ifMatch, "subscription", ct);
}

public sealed record CreateSubscription(
    [property: Required] Guid OfferingId,
    [property: Required] Guid CustomerId,
    [property: Required] LocalDate Start,
    LocalDate? End,
    [property: Range(0, 1e12)] decimal ChargeAmount,
    [property: Required, CurrencyCode] string ChargeCurrency,
    ChargePeriod ChargePeriod = ChargePeriod.Monthly,
    SourcingKind? ClaimedKind = null);

public sealed record UpdateSubscription(
    [property: Required] Guid OfferingId,
    [property: Required] LocalDate Start,
    LocalDate? End,
    [property: Range(0, 1e12)] decimal ChargeAmount,
    [property: Required, CurrencyCode] string ChargeCurrency,
    ChargePeriod ChargePeriod = ChargePeriod.Monthly,
    SourcingKind? ClaimedKind = null);

public sealed record SubscriptionView(Guid Id, Guid OfferingId, Guid ServiceId, Guid ProviderId, Guid CustomerId, LocalDate Start, LocalDate? End,
    decimal ChargeAmount, string ChargeCurrency, ChargePeriod ChargePeriod, SourcingKind? ClaimedKind, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Subscription, SubscriptionView>> Projection = s => new SubscriptionView(
        s.Id, s.OfferingId, s.ServiceId, s.ProviderId, s.CustomerId, s.Start, s.End, s.ChargeAmount, s.ChargeCurrency, s.ChargePeriod, s.ClaimedKind, s.CreatedAt, s.Version);

    public static SubscriptionView Of(Subscription s) => new(
        s.Id, s.OfferingId, s.ServiceId, s.ProviderId, s.CustomerId, s.Start, s.End, s.ChargeAmount, s.ChargeCurrency, s.ChargePeriod, s.ClaimedKind, s.CreatedAt, s.Version);
}
