using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Steward.Core;
using Steward.Core.Measures;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Reports;

namespace Steward.Server.Measures;

/// <summary>One measure of the catalogue as the API shows it: the scopes are the query parameters that narrow its series.</summary>
public sealed record MeasureView(string Key, string Name, string Definition, string Cohort, MeasureUnit Unit, MeasureDirection Direction,
    IReadOnlyList<string> Scopes, MeasureAudience Audience)
{
    public static MeasureView Of(MeasureDefinition m) => new(m.Key, m.Name, m.Definition, m.Cohort, m.Unit, m.Direction,
        Enum.GetValues<MeasureScopes>().Where(s => s is not MeasureScopes.None && m.Scopes.HasFlag(s)).Select(MeasureCatalog.FieldOf).ToList(), m.Audience);
}

/// <summary>What a series was narrowed to: the providers counted (those the caller sees, or the one named) and each scope asked for.</summary>
public sealed record MeasureScopeView(IReadOnlyList<Guid> ProviderIds, Guid? ServiceId, Guid? CustomerId, string? ProcessKey, Guid? PartyId, SourcingKind? Kind);

/// <summary>One point of a series: its span and value, with the counts it was worked out from; for money, the sums and what is missing from them.</summary>
public sealed record MeasurePointView(LocalDate Start, Instant From, Instant To, double? Value, long? Numerator, long? Denominator, long N, MeasureMoney? Money);

/// <summary>A measure's series over a period; the total is computed over the whole period, not from the points (medians do not add up).</summary>
public sealed record MeasureSeriesView(MeasureView Measure, Instant From, Instant To, string Zone, MeasureInterval Interval, MeasureScopeView Scope,
    IReadOnlyList<MeasurePointView> Points, MeasureValue Total);

public static class MeasureEndpoints
{
    public static RouteGroupBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/measures").WithTags("Measures");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{key}", Series).RequireAccess(Access.Read);
        return group;
    }

    /// <summary>The catalogue of measures Steward computes from its records, in the catalogue's order.</summary>
    static Ok<IReadOnlyList<MeasureView>> List() => TypedResults.Ok<IReadOnlyList<MeasureView>>(MeasureCatalog.All.Select(MeasureView.Of).ToList());

    /// <summary>A measure's series, computed from the records the caller may see, per day, week or month of the period.</summary>
    static async Task<Results<Ok<MeasureSeriesView>, FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Series(
        string key, [AsParameters] MeasureQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (MeasureCatalog.Find(key) is not { } measure)
            return Problems.Invalid("key", $"No measure is called '{Shorten(key)}'; GET /api/v1/measures lists them.");
        var now = clock.GetCurrentInstant();
        var (request, problem) = MeasureRequest.Parse(measure, q, now);
        if (problem is not null) return problem;
        if (MeasureEngine.IsMoney(measure) && request!.Period.Interval is not MeasureInterval.Month)
            return Problems.Invalid("interval", $"'{measure.Key}' is computed from the finance ledger, which books money by calendar month (charges spread by day into months, each month converted at one rate): ask for interval=month.");
        var reach = await MeasureAccess.ReachAsync(db, measure, request!.Filter, ct);
        if (reach.Status == 404) return Problems.NotFound(reach.Detail!);
        if (reach.Refused) return Problems.Forbidden(reach.Detail!);
        if (request.Filter.ProcessKey is { } process && !await InCatalogAsync(db, reach.Providers, process, ct))
            return Problems.Invalid("processKey", $"'{Shorten(process)}' is not a process of the provider's catalogue; GET /api/v1/processes lists them.");

        var period = request.Period;
        var engine = new MeasureEngine(db);
        if (MeasureEngine.IsMoney(measure))
        {
            var currencies = new Dictionary<Guid, string>();
            foreach (var provider in reach.Providers)
                if (await engine.ReportingCurrencyAsync(provider, ct) is { } currency) currencies[provider] = currency;
                else return Finance.PnlRequest.NoReportingCurrency(provider);
            if (currencies.Values.Distinct().Count() > 1)
                return Problems.Invalid("providerId", $"The providers you see report in {string.Join(" and ", currencies.Values.Distinct().Order(StringComparer.Ordinal))}, which do not add up: name one with providerId.");
        }
        var buckets = period.Buckets();
        var (values, total) = await engine.SeriesAsync(measure, reach.Providers, reach.Filter, buckets, period.Zone, now, ct);
        var points = buckets.Select((b, i) => new MeasurePointView(b.Start, b.From, b.To, values[i].Value, values[i].Numerator, values[i].Denominator, values[i].N, values[i].Money)).ToList();
        var f = reach.Filter;
        var series = new MeasureSeriesView(MeasureView.Of(measure), period.From, period.To, period.Zone.Id, period.Interval,
            new MeasureScopeView(reach.Providers, f.ServiceId, f.CustomerId, f.ProcessKey, f.PartyId, f.Kind), points, total);
        return period.Format is ReportFormat.Json ? TypedResults.Ok(series) : File(series, period.Format);
    }

    static async Task<bool> InCatalogAsync(StewardDbContext db, IReadOnlyList<Guid> providers, string process, CancellationToken ct)
    {
        foreach (var provider in providers)
            if ((await Portfolio.PortfolioChecks.CatalogOfAsync(db, provider, ct)).Find(process) is not null) return true;
        return false;
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    static readonly string[] MoneyColumns = ["Currency", "Revenue", "Costs", "Margin", "Records resolved", "Missing (no exchange rate)", "Uncosted minutes"];

    static FileContentHttpResult File(MeasureSeriesView s, ReportFormat format)
    {
        // Money adds what its value was worked out from, and what no rate converted (never taken 1:1).
        var money = s.Measure.Unit is MeasureUnit.Currency;
        object?[] Row(object? start, Instant from, Instant to, double? value, long? numerator, long? denominator, long n, MeasureMoney? m) =>
        [
            start, from.ToString(), to.ToString(), value, numerator, denominator, n,
            .. money ? new object?[] { m?.Currency, m?.Revenue, m?.Costs, m?.Margin, m?.RecordsResolved,
                m is null ? null : string.Join("; ", m.Missing.Select(x => $"{x.Source} {x.Amount.ToString(CultureInfo.InvariantCulture)} {x.Currency} in {x.Month}")), m?.UncostedMinutes } : [],
        ];
        var table = new ReportTable(s.Measure.Name.Length <= 31 ? s.Measure.Name : s.Measure.Name[..31],
            ["Period start", "From", "To", $"{s.Measure.Name} ({s.Measure.Unit.ToString().ToLowerInvariant()})", "Numerator", "Denominator", "N",
                .. money ? MoneyColumns : []],
            [.. s.Points.Select(p => Row(p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.From, p.To, p.Value, p.Numerator, p.Denominator, p.N, p.Money)),
                Row("Total", s.From, s.To, s.Total.Value, s.Total.Numerator, s.Total.Denominator, s.Total.N, s.Total.Money)]);
        var zone = DateTimeZoneProviders.Tzdb[s.Zone];
        var from = s.From.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = (s.To - Duration.Epsilon).InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var file = $"steward-{s.Measure.Key}-{from}-to-{to}";
        return format is ReportFormat.Csv
            ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
            : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
    }
}
