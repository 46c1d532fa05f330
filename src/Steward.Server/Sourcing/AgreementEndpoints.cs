using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Portfolio;

namespace Steward.Server.Sourcing;

/// <summary>The register of agreements in place; profiles and the ISO/IEC 20000 checklist match the agreements the sourcing calls for against it.</summary>
public static class AgreementEndpoints
{
    public const string Resource = "sourcing-agreements";

    static readonly SortField<AgreementRecord>[] Sorts = [new("reference", a => a.Reference), new("createdAt", null)];

    public static RouteGroupBuilder MapSourcingAgreements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sourcing/agreements").WithTags("Sourcing");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageSourcing);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageSourcing).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageSourcing).ForResource(Resource);
        return group;
    }

    /// <summary>Lists agreements on record. Sort: reference (default), createdAt.</summary>
    static Task<Results<Ok<Page<AgreementView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct,
        Guid? providerId = null, AgreementType? type = null, Guid? serviceId = null, Guid? partyId = null)
    {
        var query = db.AgreementRecords.AsNoTracking();
        if (providerId is not null) query = query.Where(a => a.ProviderId == providerId);
        if (type is not null) query = query.Where(a => a.Type == type);
        if (serviceId is not null) query = query.Where(a => a.ServiceId == serviceId);
        if (partyId is not null) query = query.Where(a => a.AccountableId == partyId || a.CounterpartyId == partyId);
        return Keyset.PageAsync(query, page, Sorts, AgreementView.Projection, v => v.Reference, v => v.Id, ct);
    }

    static Task<Results<Ok<AgreementView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<AgreementRecord, AgreementView>(db, id, "agreement", AgreementView.Of, http, ct);

    static async Task<Results<Created<AgreementView>, ProblemHttpResult, ValidationProblem>> Create(
        RecordAgreement body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (await db.ActiveProviderAsync(body.ProviderId, ct) is null)
            return Problems.Invalid("providerId", "No active provider organization with this id exists in your tenancy.");
        var agreement = new AgreementRecord { ProviderId = body.ProviderId, Reference = body.Reference, CreatedAt = clock.GetCurrentInstant() };
        if (await AgreementRules.ApplyAsync(db, agreement, body, ct) is { } broken) return Problems.Invalid(broken.Field!, broken.Detail);
        db.AgreementRecords.Add(agreement);
        await db.SaveChangesAsync(ct);
        http.SetETag(agreement);
        return TypedResults.Created($"/api/v1/sourcing/agreements/{agreement.Id}", AgreementView.Of(agreement));
    }

    static Task<Results<Ok<AgreementView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, RecordAgreement body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<AgreementRecord, AgreementView>(db, id, ifMatch, "agreement", agreement => body.ProviderId != agreement.ProviderId
                ? Task.FromResult<RuleViolation?>(new("An agreement stays with the provider it was recorded for.", "providerId"))
                : AgreementRules.ApplyAsync(db, agreement, body, ct),
            AgreementView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<AgreementRecord>(db, id, ifMatch, "agreement", ct);
}

public sealed record RecordAgreement(
    [property: Required] Guid ProviderId,
    [property: Required] AgreementType Type,
    [property: Required] Guid AccountableId,
    [property: Required] Guid CounterpartyId,
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Reference,
    Guid? ServiceId = null,
    [property: StringLength(PortfolioLimits.ProcessKey), SingleLine] string? ProcessKey = null,
    [property: MaxLength(50)] string[]? Measures = null,
    LocalDate? SignedOn = null,
    LocalDate? LastReviewedOn = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Note = null,
    [property: MaxLength(5)] AgreementTargetBody[]? Targets = null,
    [property: MaxLength(20)] AgreementMeasureTargetBody[]? MeasureTargets = null);

/// <summary>A value the agreement sets for a measure of the catalogue (GET /api/v1/measures), in its unit: 95 for 95 % SLA compliance, 4 for a four-hour median.</summary>
[ValidatableType]
public sealed record AgreementMeasureTargetBody([property: Required, StringLength(60)] string Key, [property: Range(-1_000_000_000.0, 1_000_000_000.0)] decimal Target);

/// <summary>How long the counterparty may hold a record of a priority: business time as an ISO 8601 duration ("PT4H").</summary>
[ValidatableType]
public sealed record AgreementTargetBody([property: Range(1, 5)] int Priority, [property: Required, StringLength(40)] string Within);

public sealed record AgreementView(Guid Id, Guid ProviderId, AgreementType Type, Guid AccountableId, Guid CounterpartyId, Guid? ServiceId, string? ProcessKey,
    string Reference, IReadOnlyList<string> Measures, LocalDate? SignedOn, LocalDate? LastReviewedOn, string? Note, IReadOnlyList<AgreementTarget> Targets,
    IReadOnlyList<AgreementMeasureTarget> MeasureTargets, Instant CreatedAt, long Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<AgreementRecord, AgreementView>> Projection = a => new AgreementView(
        a.Id, a.ProviderId, a.Type, a.AccountableId, a.CounterpartyId, a.ServiceId, a.ProcessKey, a.Reference, a.Measures, a.SignedOn, a.LastReviewedOn, a.Note, a.Targets, a.MeasureTargets, a.CreatedAt, a.Version);

    public static AgreementView Of(AgreementRecord a) => new(
        a.Id, a.ProviderId, a.Type, a.AccountableId, a.CounterpartyId, a.ServiceId, a.ProcessKey, a.Reference, a.Measures, a.SignedOn, a.LastReviewedOn, a.Note, a.Targets, a.MeasureTargets, a.CreatedAt, a.Version);
}
