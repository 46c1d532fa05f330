using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Measures;
using Steward.Server.Api;
using Steward.Server.Reports;
using Steward.Server.Sourcing;

namespace Steward.Server.Measures;

/// <summary>The period an agreement's measures are computed over: the last 90 days by default.</summary>
public sealed class AgreementMeasuresQuery
{
    [StringLength(40)] public string? From { get; init; }
    [StringLength(40)] public string? To { get; init; }
    [StringLength(60)] public string? Zone { get; init; }
}

/// <summary>
/// One value an agreement sets, against the value the records give for the agreement's scope. A
/// measure that cannot be narrowed to the agreement's scope, or that the reader may not see, says
/// why instead of giving a value. Money gives its sums and what is missing from them.
/// </summary>
public sealed record AgreementMeasureView(string Key, string Name, MeasureUnit Unit, MeasureDirection Direction, decimal Target,
    double? Value, long? Numerator, long? Denominator, long N, bool? Meets, string? NotMeasured, MeasureMoney? Money = null);

public sealed record AgreementMeasuresView(Guid AgreementId, string Reference, Instant From, Instant To, string Zone, AgreementScope Scope,
    IReadOnlyList<AgreementMeasureView> Measures);

public static class AgreementMeasureEndpoints
{
    public static void MapAgreementMeasures(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/sourcing/agreements/{id:guid}/measures", Measures).WithTags("Sourcing")
            .RequireAccess(Access.Read).ForResource(AgreementEndpoints.Resource);

    public static readonly Duration DefaultPeriod = Duration.FromDays(90);

    /// <summary>The agreement's measure targets, each computed from the records of the agreement's scope over the period and set against its target.</summary>
    static async Task<Results<Ok<AgreementMeasuresView>, ProblemHttpResult, ValidationProblem>> Measures(
        Guid id, [AsParameters] AgreementMeasuresQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var agreement = await db.AgreementRecords.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return Problems.NotFound("agreement");
        var now = clock.GetCurrentInstant();
        var (period, problem) = ReportScope.Parse(new ReportQuery { From = q.From, To = q.To, Zone = q.Zone }, now);
        if (period is null) return problem!;
        var from = string.IsNullOrWhiteSpace(q.From) ? period.To - DefaultPeriod : period.From;
        var scope = AgreementMeasures.ScopeOf(agreement);
        var rows = await MeasureAsync(db, agreement.ProviderId, agreement.MeasureTargets, scope, from, period.To, period.Zone, now, ct);
        return TypedResults.Ok(new AgreementMeasuresView(agreement.Id, agreement.Reference, from, period.To, period.Zone.Id, scope, rows));
    }

    /// <summary>Each target's value over [from, to) for the scope; shared by the relationship review.</summary>
    public static async Task<List<AgreementMeasureView>> MeasureAsync(StewardDbContext db, Guid providerId, IEnumerable<Core.Sourcing.AgreementMeasureTarget> targets,
        AgreementScope scope, Instant from, Instant to, DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var engine = new MeasureEngine(db);
        var rows = new List<AgreementMeasureView>();
        foreach (var target in targets)
        {
            if (MeasureCatalog.Find(target.Key) is not { } measure) continue;
            var filter = new MeasureFilter(providerId, scope.ServiceId, scope.CustomerId, scope.ProcessKey, scope.PartyId);
            string? why = null;
            if (MeasureCatalog.CheckScopes(measure, filter.Scopes) is { } narrow)
                why = $"Not measured for this agreement: {narrow.Detail}";
            MeasureReach? reach = null;
            if (why is null)
            {
                reach = await MeasureAccess.ReachAsync(db, measure, filter, ct);
                if (reach.Refused) why = reach.Status == 404 ? "Not yours to read." : reach.Detail;
                else if (MeasureEngine.IsMoney(measure) && await engine.ReportingCurrencyAsync(providerId, ct) is null)
                    why = Finance.PnlRequest.NoReportingCurrencyDetail(providerId);
            }
            if (why is not null || reach is null)
            {
                rows.Add(new(measure.Key, measure.Name, measure.Unit, measure.Direction, target.Target, null, null, null, 0, null, why));
                continue;
            }
            var value = await engine.ValueAsync(measure, reach.Providers, reach.Filter, from, to, zone, now, ct);
            rows.Add(new(measure.Key, measure.Name, measure.Unit, measure.Direction, target.Target, value.Value, value.Numerator, value.Denominator, value.N,
                value.Value is { } v ? measure.Meets((decimal)v, target.Target) : null, null, value.Money));
        }
        return rows;
    }
}
