using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Records;
using Steward.Core.Sourcing;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>The query of GET /api/v1/finance/pnl/rows: a P&amp;L's query, the group (its row's key) and the source of the figure.</summary>
public sealed class PnlRowsQuery
{
    [StringLength(40)] public string? ProviderId { get; init; }
    [StringLength(40)] public string? CustomerId { get; init; }
    [StringLength(20)] public string? GroupBy { get; init; }
    [StringLength(40)] public string? From { get; init; }
    [StringLength(40)] public string? To { get; init; }
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>The row's key, as the P&amp;L gave it (an id, a kind, a month, or "unallocated").</summary>
    [StringLength(60)] public string? Key { get; init; }
    /// <summary>revenue, labour, supplier or other.</summary>
    [StringLength(20)] public string? Source { get; init; }
    [Range(1, PageQuery.MaxLimit)] public int? Limit { get; init; }
    [StringLength(2000)] public string? Cursor { get; init; }
}

/// <summary>
/// One row behind a figure: a subscription's or a supplier charge's share of a month, a work-log
/// entry, or a cost. <see cref="Amount"/> is in its own <see cref="Currency"/>; <see cref="Converted"/>
/// in the reporting currency at <see cref="ExchangeRate"/>, null when no rate converts it (or, for
/// work, when no cost rate costs it: <see cref="HourlyAmount"/> is null then).
/// </summary>
public sealed record PnlDrillRow(Guid Id, string Source, string Month, LocalDate On, string Description, string? Link,
    Guid? ServiceId, Guid? CustomerId, Guid? PersonId, long? Minutes, decimal? HourlyAmount, int? Days,
    decimal Amount, string Currency, decimal? ExchangeRate, decimal? Converted);

/// <summary>The drill-down of the P&amp;L: the subscriptions, work logs, supplier charges and costs behind one row's figure, in day order.</summary>
public static class PnlRows
{
    public static async Task<Results<Ok<Page<PnlDrillRow>>, ProblemHttpResult, ValidationProblem>> RunAsync(
        PnlRowsQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var (request, problem) = PnlRequest.Parse(new PnlQuery { ProviderId = q.ProviderId, CustomerId = q.CustomerId, GroupBy = q.GroupBy, From = q.From, To = q.To, Zone = q.Zone }, clock.GetCurrentInstant());
        if (request is null) return problem!;
        if (!Enum.TryParse<LedgerSource>(q.Source?.Trim(), ignoreCase: true, out var source) || int.TryParse(q.Source, out _))
            return Problems.Invalid("source", "source is revenue, labour, supplier or other.");
        if (string.IsNullOrWhiteSpace(q.Key)) return Problems.Invalid("key", "key is the key of a row of the P&L grouped the same way.");
        var key = q.Key.Trim();
        Cursor? after = null;
        if (q.Cursor is not null)
        {
            if (!Api.Cursor.TryDecode(q.Cursor, out var c) || LocalDatePattern.Iso.Parse(c.Key) is not { Success: true })
                return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");
            after = c;
        }
        var (currency, gate) = await request.GateAsync(db, ct);
        if (gate is not null) return gate;
        if (await request.CheckCustomerAsync(db, ct) is { } notServed) return notServed;

        var rates = new RateBook(currency!, await db.ExchangeRates.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ProviderId == request.ProviderId && r.To == currency).Select(r => new DatedRate(r.From, r.To, r.On, r.Rate)).ToListAsync(ct));
        var subscriptions = await FinanceLedger.SubscriptionsAsync(db, request.ProviderId, request.Period, request.CustomerId, ct);
        var groups = await PnlReport.Groups.LoadAsync(db, request, PnlReport.Pairs(subscriptions), [], Sourcing.SourcingLoader.Today(clock), ct);
        var limit = q.Limit ?? PageQuery.DefaultLimit;
        var partners = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => db.PartnerRelationships.IgnoreQueryFilters().Any(r => r.ProviderId == request.ProviderId && r.PartnerId == o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rows = source switch
        {
            LedgerSource.Labour => await LabourAsync(db, request, groups, key, rates, after, limit + 1, ct),
            LedgerSource.Revenue => Revenue(request, groups, key, subscriptions, rates, await OfferingNamesAsync(db, subscriptions, ct), partners),
            LedgerSource.Supplier => Supplier(request, groups, key, await FinanceLedger.SupplierChargesAsync(db, request.ProviderId, request.Period, request.CustomerId, ct), rates, partners),
            _ => Other(request, groups, key, await FinanceLedger.CostsAsync(db, request.ProviderId, request.Period, request.CustomerId, ct), rates),
        };
        if (source is not LedgerSource.Labour)
            rows = [.. rows.OrderBy(r => r.On).ThenBy(r => r.Id)
                .Where(r => after is not { } a || r.On > LocalDatePattern.Iso.Parse(a.Key).Value || (r.On == LocalDatePattern.Iso.Parse(a.Key).Value && r.Id.CompareTo(a.Id) > 0))
                .Take(limit + 1)];
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = new Cursor(PnlRequest.Iso(rows[^1].On), rows[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<PnlDrillRow>(rows, next));
    }

    static List<PnlDrillRow> Revenue(PnlRequest request, PnlReport.Groups groups, string key, List<FinanceLedger.SubscriptionRow> subscriptions, RateBook rates,
        Dictionary<Guid, string> offerings, Dictionary<Guid, string> customers)
    {
        var rows = new List<PnlDrillRow>();
        foreach (var s in subscriptions)
            foreach (var slice in ChargeProration.Slices(s.ChargeAmount, s.ChargePeriod, s.Start, s.End, request.Period))
            {
                if (groups.KeyOf(Cell(slice.Month, LedgerSource.Revenue, s.ServiceId, s.CustomerId, null)) != key) continue;
                var day = s.ChargePeriod is Core.Portfolio.ChargePeriod.OneOff ? slice.Start : FinanceLedger.ConversionDay(request.Period, slice.Month);
                rows.Add(Converted(s.Id, LedgerSource.Revenue, slice.Month, slice.Start,
                    $"{customers.GetValueOrDefault(s.CustomerId, "?")}, {offerings.GetValueOrDefault(s.OfferingId, "subscription")}: {Charge(s.ChargeAmount, s.ChargeCurrency, s.ChargePeriod)}, {Days(slice)}",
                    null, s.ServiceId, s.CustomerId, slice.Days, slice.Amount, s.ChargeCurrency, rates, day));
            }
        return rows;
    }

    static List<PnlDrillRow> Supplier(PnlRequest request, PnlReport.Groups groups, string key, List<FinanceLedger.SupplierChargeRow> charges, RateBook rates,
        Dictionary<Guid, string> partners)
    {
        var rows = new List<PnlDrillRow>();
        foreach (var c in charges)
            foreach (var slice in ChargeProration.Slices(c.Amount, c.Period, c.Start, c.End, request.Period))
            {
                if (groups.KeyOf(Cell(slice.Month, LedgerSource.Supplier, c.ServiceId, c.CustomerId, null)) != key) continue;
                var day = c.Period is Core.Portfolio.ChargePeriod.OneOff ? slice.Start : FinanceLedger.ConversionDay(request.Period, slice.Month);
                rows.Add(Converted(c.Id, LedgerSource.Supplier, slice.Month, slice.Start,
                    $"{c.Reference} ({partners.GetValueOrDefault(c.CounterpartyId, "?")}{(c.CustomerId is { } cu ? ", for " + partners.GetValueOrDefault(cu, "?") : "")}): {Charge(c.Amount, c.Currency, c.Period)}, {Days(slice)}",
                    null, c.ServiceId, c.CustomerId, slice.Days, slice.Amount, c.Currency, rates, day));
            }
        return rows;
    }

    static List<PnlDrillRow> Other(PnlRequest request, PnlReport.Groups groups, string key, List<FinanceLedger.CostRow> costs, RateBook rates) =>
        [.. costs.Where(c => groups.KeyOf(Cell(new YearMonth(c.On.Year, c.On.Month), LedgerSource.Other, c.ServiceId, c.CustomerId, c.PracticeId)) == key)
            .Select(c => Converted(c.Id, LedgerSource.Other, new YearMonth(c.On.Year, c.On.Month), c.On, c.Category, null, c.ServiceId, c.CustomerId, null,
                c.Amount, c.Currency, rates, c.On))];

    /// <summary>Work-log entries behind a labour figure, filtered in the database (a provider's period is one range of its index) and costed a page at a time.</summary>
    static async Task<List<PnlDrillRow>> LabourAsync(StewardDbContext db, PnlRequest request, PnlReport.Groups groups, string key, RateBook rates,
        Cursor? after, int take, CancellationToken ct)
    {
        var period = request.Period;
        var query = db.WorkLog.IgnoreQueryFilters().AsNoTracking().Where(w => w.ProviderId == request.ProviderId && w.On >= period.Start && w.On <= period.End);
        if (request.CustomerId is { } customer) query = query.Where(w => w.CustomerId == customer);
        var unallocated = key == PnlReport.Unallocated;
        var id = Guid.TryParse(key, out var parsed) ? parsed : Guid.Empty;
        switch (request.GroupBy)
        {
            case PnlGrouping.Service:
                query = unallocated ? query.Where(w => w.ServiceId == null) : query.Where(w => w.ServiceId == id);
                break;
            case PnlGrouping.Customer:
                query = query.Where(w => w.CustomerId == id);
                break;
            case PnlGrouping.Practice:
                var services = groups.ServicesOf(unallocated ? null : id);
                query = unallocated ? query.Where(w => w.ServiceId == null || !services.Contains(w.ServiceId.Value)) : query.Where(w => w.ServiceId != null && services.Contains(w.ServiceId.Value));
                break;
            case PnlGrouping.Kind:
                if (unallocated) query = query.Where(w => w.SourcingKind == null);
                else if (Enum.TryParse<SourcingKind>(key, out var kind) && Enum.IsDefined(kind)) query = query.Where(w => w.SourcingKind == kind);
                else return [];
                break;
            default:
                if (YearMonthPattern.Iso.Parse(key) is not { Success: true } month) return [];
                var (first, last) = (LocalDate.Max(month.Value.OnDayOfMonth(1), period.Start), LocalDate.Min(month.Value.OnDayOfMonth(month.Value.Calendar.GetDaysInMonth(month.Value.Year, month.Value.Month)), period.End));
                query = query.Where(w => w.On >= first && w.On <= last);
                break;
        }
        if (after is { } a)
        {
            var on = LocalDatePattern.Iso.Parse(a.Key).Value;
            var afterId = a.Id;
            query = query.Where(w => w.On >= on && (w.On > on || w.Id.CompareTo(afterId) > 0));
        }
        var entries = await query.OrderBy(w => w.On).ThenBy(w => w.Id)
            .Select(w => new
            {
                w.Id, w.RecordId, w.PersonId, w.PartyId, w.ServiceId, w.CustomerId, w.On, w.Minutes,
                Number = db.WorkRecords.IgnoreQueryFilters().Where(r => r.Id == w.RecordId).Select(r => r.Number).First(),
                Kind = db.WorkRecords.IgnoreQueryFilters().Where(r => r.Id == w.RecordId).Select(r => r.Kind).First(),
                Person = db.People.IgnoreQueryFilters().Where(p => p.Id == w.PersonId).Select(p => p.Name).First(),
            })
            .Take(take).ToListAsync(ct);
        var book = new CostRateBook(await FinanceLedger.RatesAsync(db, [.. entries.Select(e => e.PersonId).Distinct()],
            [.. entries.Select(e => e.PartyId).OfType<Guid>().Distinct()], ct));
        return [.. entries.Select(e =>
        {
            var month = new YearMonth(e.On.Year, e.On.Month);
            var link = $"/{(e.Kind is RecordKind.Incident ? "incidents" : "requests")}/{e.RecordId}";
            var description = $"{e.Number}: {e.Person}, {e.Minutes} min";
            if (book.For(e.PersonId, e.PartyId, e.On) is not { } rate)
                return new PnlDrillRow(e.Id, "labour", PnlRequest.Iso(month), e.On, description + " (no rate: not costed)", link, e.ServiceId, e.CustomerId, e.PersonId,
                    e.Minutes, null, null, 0m, "", null, null);
            var row = Converted(e.Id, LedgerSource.Labour, month, e.On, description + (rate.Source is RateSource.Team ? " at the team's rate" : ""), link,
                e.ServiceId, e.CustomerId, null, CostRateBook.Cost(e.Minutes, rate.HourlyAmount), rate.Currency, rates, FinanceLedger.ConversionDay(period, month));
            return row with { PersonId = e.PersonId, Minutes = e.Minutes, HourlyAmount = rate.HourlyAmount };
        })];
    }

    static string Charge(decimal amount, string currency, Core.Portfolio.ChargePeriod period) =>
        $"{amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {currency} {(period is Core.Portfolio.ChargePeriod.OneOff ? "once" : period.ToString().ToLowerInvariant())}";

    static string Days(ChargeSlice slice) => slice.Days == 1 ? "1 day" : $"{slice.Days} days";

    static LedgerCell Cell(YearMonth month, LedgerSource source, Guid? service, Guid? customer, Guid? practice) =>
        new(month, source, service, customer, practice, null, 0, 0, 0);

    static PnlDrillRow Converted(Guid id, LedgerSource source, YearMonth month, LocalDate on, string description, string? link, Guid? service, Guid? customer,
        int? days, decimal amount, string currency, RateBook rates, LocalDate conversionDay)
    {
        var rate = rates.RateOn(currency, conversionDay);
        return new PnlDrillRow(id, PnlReport.SourceName(source), PnlRequest.Iso(month), on, description, link, service, customer, null, null, null, days,
            Math.Round(amount, 4, MidpointRounding.ToEven), currency, rate, rate is { } r ? Money.Round(amount * r) : null);
    }

    static async Task<Dictionary<Guid, string>> OfferingNamesAsync(StewardDbContext db, List<FinanceLedger.SubscriptionRow> subscriptions, CancellationToken ct)
    {
        var ids = subscriptions.Select(s => s.OfferingId).Distinct().ToList();
        return await db.Offerings.IgnoreQueryFilters().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
