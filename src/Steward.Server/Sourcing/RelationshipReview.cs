using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Measures;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Finance;
using Steward.Server.Measures;
using Steward.Server.Reports;
using Steward.Server.Satisfaction;

namespace Steward.Server.Sourcing;

/// <summary>GET /api/v1/sourcing/review: one provider–customer relationship over a period (the last 90 days by default).</summary>
public sealed class ReviewQuery
{
    [StringLength(40)] public string? ProviderId { get; init; }
    [StringLength(40)] public string? CustomerId { get; init; }
    [StringLength(40)] public string? From { get; init; }
    [StringLength(40)] public string? To { get; init; }
    [StringLength(60)] public string? Zone { get; init; }
}

/// <summary>
/// One measure of a service in the review: computed for the period from the records, set against
/// the agreement's target where one is on record. Status is met, missed, noTarget or notMeasured
/// (with the reason: a measure is never invented).
/// </summary>
public sealed record ReviewMeasureView(string Key, string Name, string Source, MeasureUnit Unit, MeasureDirection Direction, double? Value, long N,
    decimal? Target, string Status, string? Note);

/// <summary>
/// What to improve: a measure off its agreement's target. <c>agreementId</c> and the service and
/// customer raise it as an improvement in one click (source <c>agreementMeasure</c>);
/// <c>improvementId</c> is the open improvement already raised from it, if any.
/// </summary>
public sealed record ReviewImproveView(string Key, string Name, string Source, double? Value, decimal Target, Guid AgreementId, Guid? ImprovementId = null);

public sealed record ReviewServiceView(Guid ServiceId, string ServiceName, SourcingKind Kind, IReadOnlyList<string> ReviewsDue,
    IReadOnlyList<ReviewMeasureView> Measure, IReadOnlyList<ReviewImproveView> Improve, IReadOnlyList<ReviewPractice> Guidance,
    IReadOnlyList<ReviewImprovementView> Improving);

/// <summary>
/// What a provider manager takes into a customer review: per service the derived kind and its
/// evidence and what to agree (the sourcing profile), what to measure and how it went, what to
/// improve, and the practices that suit the kind; satisfaction and effort for the relationship.
/// <see cref="Hidden"/> names what this reader may not see, so that the page says so. <see cref="Improving"/>:
/// the open improvements in scope that name no service (provider-wide, or the customer's); each
/// service lists its own under <see cref="ReviewServiceView.Improving"/>.
/// <see cref="Pnl"/> is the relationship's profit and loss by service over the period's days (the
/// P&amp;L narrowed to the customer), for the provider's readers of costs; <see cref="PnlNote"/> says
/// why there is none when they could read it (no reporting currency yet).
/// </summary>
public sealed record RelationshipReviewView(Guid ProviderId, Guid CustomerId, Instant From, Instant To, string Zone, string Viewer, IReadOnlyList<string> Hidden,
    SourcingProfileView Profile, IReadOnlyList<ReviewServiceView> Services, RelationshipSatisfactionView? Satisfaction, double? EffortHours,
    IReadOnlyList<ReviewImprovementView> Improving, PnlView? Pnl = null, string? PnlNote = null);

/// <summary>Builds the relationship review. It reads past the query filters (as the sourcing loader does): the redactions here are the guard.</summary>
public static class RelationshipReview
{
    public static readonly Duration DefaultPeriod = Duration.FromDays(90);

    public static async Task<Results<Ok<RelationshipReviewView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        [AsParameters] ReviewQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (!Guid.TryParse(q.ProviderId?.Trim(), out var providerId)) return Problems.Invalid("providerId", "providerId must be a provider's id (a GUID).");
        if (!Guid.TryParse(q.CustomerId?.Trim(), out var customerId)) return Problems.Invalid("customerId", "customerId must be a customer's id (a GUID).");
        var now = clock.GetCurrentInstant();
        var (period, problem) = ReportScope.Parse(new ReportQuery { From = q.From, To = q.To, Zone = q.Zone }, now);
        if (period is null) return problem!;
        if (!await SourcingLoader.MaySeeAsync(db, providerId, customerId, ct))
            return SourcingEndpoints.NotVisible(await SourcingLoader.MaySeeAsync(db, providerId, null, ct) ? "customerId" : "providerId");
        var from = string.IsNullOrWhiteSpace(q.From) ? period.To - DefaultPeriod : period.From;
        return TypedResults.Ok(await BuildAsync(db, providerId, customerId, from, period.To, period.Zone, now, ct));
    }

    public static async Task<RelationshipReviewView> BuildAsync(StewardDbContext db, Guid providerId, Guid customerId, Instant from, Instant to, DateTimeZone zone,
        Instant now, CancellationToken ct)
    {
        var actor = db.Actor;
        var provider = actor.SeesAll || actor.Sees(providerId);
        var seesSatisfaction = !provider || Access.RolesOf[Access.ReadSatisfaction].Any(actor.IsInRole);
        var seesCosts = provider && Access.RolesOf[Access.ReadCosts].Any(actor.IsInRole);
        List<string> hidden = [];
        if (!seesCosts) hidden.AddRange(["pnl", "cost-per-record", "margin"]);
        if (!seesSatisfaction) hidden.AddRange(["satisfaction", "csat-mean", "csat-response-rate"]);

        var model = await SourcingLoader.LoadAsync(db, providerId, customerId, now.InUtc().Date, ct);
        var profile = SourcingViewsBuilder.Profile(model, customerId);
        var engine = new MeasureEngine(db);
        var relationship = new MeasureFilter(providerId, CustomerId: customerId);
        var currency = seesCosts ? await engine.ReportingCurrencyAsync(providerId, ct) : null;
        var noCurrency = seesCosts && currency is null ? PnlRequest.NoReportingCurrencyDetail(providerId) : null;

        // The practices' measures, per service in one pass each for the whole relationship.
        var kinds = profile.Services.Select(s => s.Kind).Distinct().ToList();
        var guided = kinds.SelectMany(ReviewGuidance.For).SelectMany(p => p.MeasureKeys).Distinct().Select(k => MeasureCatalog.Find(k)!).ToList();
        var byService = new Dictionary<string, Dictionary<Guid, MeasureValue>>();
        foreach (var measure in guided)
            if (Withheld(measure, hidden, noCurrency) is null)
                byService[measure.Key] = await engine.ByServiceAsync(measure, providerId, relationship, from, to, zone, now, ct);

        // The agreements on record that the profile matched, with the values they set.
        var recordedIds = profile.Services.SelectMany(s => s.Agreements).Select(a => a.RecordedAgreementId).OfType<Guid>().Distinct().ToList();
        var recorded = await db.AgreementRecords.IgnoreQueryFilters().AsNoTracking().Where(a => recordedIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        // What to improve also lists the register's open improvements in scope: the provider's own record.
        if (!provider) hidden.Add("improvements");
        var improving = provider
            ? await ReviewImprovements.OpenAsync(db, providerId, customerId, profile.Services.Select(s => s.ServiceId).ToList(), now.InZone(zone).Date, now, ct)
            : [];

        var services = new List<ReviewServiceView>();
        foreach (var service in profile.Services)
        {
            var rows = new List<ReviewMeasureView>();
            var improve = new List<ReviewImproveView>();
            var reviewsDue = new List<string>();
            foreach (var required in service.Agreements)
            {
                if (required.RecordedAgreementId is not { } id || !recorded.TryGetValue(id, out var agreement)) continue;
                if (agreement.LastReviewedOn is not { } reviewed || reviewed < to.InZone(zone).Date.PlusMonths(-12)) reviewsDue.Add(agreement.Reference);
                foreach (var target in agreement.MeasureTargets)
                {
                    if (MeasureCatalog.Find(target.Key) is not { } measure) continue;
                    var scope = AgreementMeasures.ScopeOf(agreement);
                    var filter = new MeasureFilter(providerId, service.ServiceId, customerId, scope.ProcessKey, scope.PartyId);
                    var source = $"{agreement.Reference} ({Reports.PartyResults.KindOf(agreement.Type)})";
                    if ((Withheld(measure, hidden, noCurrency) ?? NotMeasurable(measure, filter)) is { } why)
                    {
                        rows.Add(new(measure.Key, measure.Name, source, measure.Unit, measure.Direction, null, 0, target.Target, "notMeasured", why));
                        continue;
                    }
                    var value = await engine.ValueAsync(measure, [providerId], filter, from, to, zone, now, ct);
                    var met = value.Value is { } v ? measure.Meets((decimal)v, target.Target) : (bool?)null;
                    rows.Add(new(measure.Key, measure.Name, source, measure.Unit, measure.Direction, value.Value, value.N, target.Target,
                        met switch { true => "met", false => "missed", null => "notMeasured" }, met is null ? "Nothing to measure in the period." : Incomplete(value)));
                    if (met is false)
                        improve.Add(new(measure.Key, measure.Name, source, value.Value, target.Target, agreement.Id,
                            ReviewImprovements.RaisedFrom(improving, agreement.Id, measure.Key, service.ServiceId, scope.CustomerId ?? customerId)));
                }
            }
            var guidance = ReviewGuidance.For(service.Kind);
            foreach (var key in guidance.SelectMany(p => p.MeasureKeys).Distinct())
            {
                var measure = MeasureCatalog.Find(key)!;
                if (rows.Any(r => r.Key == key)) continue;
                if (Withheld(measure, hidden, noCurrency) is { } why)
                    rows.Add(new(key, measure.Name, "Practice for the kind", measure.Unit, measure.Direction, null, 0, null, "notMeasured", why));
                else if (!byService.TryGetValue(key, out var values))
                    rows.Add(new(key, measure.Name, "Practice for the kind", measure.Unit, measure.Direction, null, 0, null, "notMeasured", NotMeasurable(measure, relationship)));
                else
                {
                    var value = values.GetValueOrDefault(service.ServiceId);
                    rows.Add(new(key, measure.Name, "Practice for the kind", measure.Unit, measure.Direction, value?.Value, value?.N ?? 0, null, "noTarget",
                        value?.Value is null ? "Nothing to measure in the period." : Incomplete(value) ?? "No agreement on record sets a target for it."));
                }
            }
            services.Add(new ReviewServiceView(service.ServiceId, service.ServiceName, service.Kind, reviewsDue, rows, improve, guidance,
                improving.Where(i => i.ServiceId == service.ServiceId).ToList()));
        }

        var satisfaction = seesSatisfaction ? await SatisfactionReport.OfRelationshipAsync(db, providerId, customerId, from, to, ct) : null;
        var effort = await engine.ValueAsync(MeasureCatalog.Find("effort-hours")!, [providerId], relationship, from, to, zone, now, ct);
        var pnl = currency is null ? null : await PnlAsync(db, providerId, customerId, from, to, zone, currency, now, ct);
        return new RelationshipReviewView(providerId, customerId, from, to, zone.Id, provider ? "provider" : "customer", hidden, profile, services, satisfaction, effort.Value,
            improving.Where(i => i.ServiceId is null).ToList(), pnl, noCurrency);
    }

    /// <summary>The P&amp;L by service of the period's days, narrowed to the customer in the ledger's queries: GET /api/v1/finance/pnl?groupBy=service&amp;customerId=.</summary>
    static Task<PnlView> PnlAsync(StewardDbContext db, Guid providerId, Guid customerId, Instant from, Instant to, DateTimeZone zone, string currency, Instant now,
        CancellationToken ct)
    {
        var days = new DateInterval(from.InZone(zone).Date, (to - Duration.Epsilon).InZone(zone).Date);
        return PnlReport.RunAsync(db, new PnlRequest(providerId, PnlGrouping.Service, days, zone, ReportFormat.Json, customerId), currency, now.InUtc().Date, ct);
    }

    /// <summary>What a money figure lacks: amounts without an exchange rate, or work no cost rate costs (the P&amp;L section lists them).</summary>
    static string? Incomplete(MeasureValue value) => value.Money is { Complete: false } m
        ? $"Incomplete: {(m.Missing.Count > 0 ? $"{m.Missing.Count} amount(s) without an exchange rate into {m.Currency} left out" : "")}{(m.Missing.Count > 0 && m.UncostedMinutes > 0 ? "; " : "")}{(m.UncostedMinutes > 0 ? $"{m.UncostedMinutes} min of work no cost rate costs" : "")}."
        : null;

    /// <summary>Why this reader does not see the measure, or null; money cannot be measured before the provider has a reporting currency.</summary>
    static string? Withheld(MeasureDefinition measure, List<string> hidden, string? noCurrency) =>
        hidden.Contains(measure.Key) ? "Not shown to you: " + (measure.Unit is MeasureUnit.Currency ? "costs and margins are the provider's own." : "satisfaction is read by the provider's managers, owners and agents.")
        : MeasureEngine.IsMoney(measure) ? noCurrency : null;

    /// <summary>Why the measure cannot be narrowed to the scope, or null.</summary>
    static string? NotMeasurable(MeasureDefinition measure, MeasureFilter filter) =>
        MeasureCatalog.CheckScopes(measure, filter.Scopes) is { } narrow ? narrow.Detail : null;
}
