using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Server.Api;
using Steward.Server.Reports;

namespace Steward.Server.Finance;

/// <summary>How the P&amp;L groups: by service, customer, professional practice, kind of sourcing or month.</summary>
public enum PnlGrouping { Service, Customer, Practice, Kind, Month }

/// <summary>The query string of GET /api/v1/finance/pnl and its drill-down; text parsed here, so that a malformed value is a 400 naming its field.</summary>
public sealed class PnlQuery
{
    [StringLength(40)] public string? ProviderId { get; init; }
    /// <summary>One customer the provider serves: only the amounts booked to it (the relationship's P&amp;L). Every amount by default.</summary>
    [StringLength(40)] public string? CustomerId { get; init; }
    /// <summary>service (default), customer, practice, kind or month.</summary>
    [StringLength(20)] public string? GroupBy { get; init; }
    /// <summary>A date (or an instant): the first day. Default: 90 days before <see cref="To"/>.</summary>
    [StringLength(40)] public string? From { get; init; }
    /// <summary>A date (inclusive) or an instant. Default: today.</summary>
    [StringLength(40)] public string? To { get; init; }
    /// <summary>The IANA time zone instants are read in; UTC by default.</summary>
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>json (default), csv or xlsx.</summary>
    [StringLength(10)] public string? Format { get; init; }
}

/// <summary>What a P&amp;L asks, parsed: the provider, the grouping, the period as days in a zone, and the one customer it is narrowed to, if any.</summary>
public sealed record PnlRequest(Guid ProviderId, PnlGrouping GroupBy, DateInterval Period, DateTimeZone Zone, ReportFormat Format, Guid? CustomerId = null)
{
    public static readonly Duration DefaultPeriod = Duration.FromDays(90);

    public static (PnlRequest? Request, ValidationProblem? Problem) Parse(PnlQuery q, Instant now)
    {
        if (!Guid.TryParse(q.ProviderId?.Trim(), out var provider)) return (null, Problems.Invalid("providerId", "providerId must be a provider's id (a GUID)."));
        Guid? customer = null;
        if (!string.IsNullOrWhiteSpace(q.CustomerId))
        {
            if (!Guid.TryParse(q.CustomerId.Trim(), out var c)) return (null, Problems.Invalid("customerId", "customerId must be a customer's id (a GUID)."));
            customer = c;
        }
        if (!TryGrouping(q.GroupBy, out var groupBy)) return (null, Problems.Invalid("groupBy", "groupBy is service, customer, practice, kind or month."));
        var (scope, problem) = ReportScope.Parse(new ReportQuery { From = q.From, To = q.To, Zone = q.Zone }, now);
        if (scope is null) return (null, problem);
        var start = string.IsNullOrWhiteSpace(q.From) ? scope.To - DefaultPeriod : scope.From;
        if (!ReportFormats.TryParse(q.Format, out var format)) return (null, Problems.Invalid("format", "format is json, csv or xlsx."));
        var period = new DateInterval(scope.DateOf(start), scope.DateOf(scope.To - Duration.Epsilon));
        return (new PnlRequest(provider, groupBy, period, scope.Zone, format, customer), null);
    }

    public static bool TryGrouping(string? text, out PnlGrouping grouping)
    {
        grouping = PnlGrouping.Service;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text.Trim(), ignoreCase: true, out grouping) && !int.TryParse(text, out _) && Enum.IsDefined(grouping);
    }

    /// <summary>
    /// The gate after parsing: a provider the actor sees (else 404: a customer's service owner passes
    /// the role check but sees only their own organization), with a reporting currency (else 409).
    /// The ledger reads past the query filters, so this check is what keeps tenants apart.
    /// </summary>
    public async Task<(string? Currency, ProblemHttpResult? Problem)> GateAsync(StewardDbContext db, CancellationToken ct)
    {
        var providerId = ProviderId;
        if (!db.Actor.Sees(providerId) || !await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct))
            return (null, Problems.NotFound("provider"));
        var currency = await db.FinanceSettings.Where(s => s.ProviderId == providerId).Select(s => s.ReportingCurrency).SingleOrDefaultAsync(ct);
        return currency is null ? (null, NoReportingCurrency(providerId)) : (currency, null);
    }

    /// <summary>After the gate: a customer named must be one the provider serves (else 400 naming customerId).</summary>
    public async Task<ValidationProblem?> CheckCustomerAsync(StewardDbContext db, CancellationToken ct) =>
        await FinanceChecks.CustomerAsync(db, ProviderId, CustomerId, "customerId", ct) is { } notServed ? Problems.Invalid(notServed.Field!, notServed.Detail) : null;

    /// <summary>The 409 of a provider without a reporting currency, naming the finance setting to make.</summary>
    public static ProblemHttpResult NoReportingCurrency(Guid providerId) =>
        Problems.Conflict(NoReportingCurrencyDetail(providerId));

    public static string NoReportingCurrencyDetail(Guid providerId) =>
        $"The provider has no reporting currency yet: set one with PUT {FinanceSettingEndpoints.Path}/{providerId} (for example {{\"reportingCurrency\": \"EUR\"}}) first.";

    /// <summary>The query string of this request, for the drill-down links of its figures.</summary>
    public string QueryString => $"providerId={ProviderId}{(CustomerId is { } c ? $"&customerId={c}" : "")}&groupBy={GroupBy.ToString().ToLowerInvariant()}&from={Iso(Period.Start)}&to={Iso(Period.End)}";

    public static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(YearMonth month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
