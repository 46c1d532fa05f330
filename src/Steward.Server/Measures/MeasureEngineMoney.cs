using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Finance;
using Steward.Core.Measures;
using Steward.Server.Finance;
using Steward.Server.Reports;

namespace Steward.Server.Measures;

/// <summary>
/// Cost per record and margin, from the provider's finance ledger (<see cref="FinanceLedger"/>, the
/// P&amp;L's): the same sums in the same reporting currency, narrowed to the scope. An amount is in
/// a scope when it was booked there: narrowed to a service, only what is booked to that service;
/// to a customer, only what is booked to that customer; to a kind, what the P&amp;L by kind puts
/// under it. Nothing is shared out by an estimate, so an amount booked to neither service nor
/// customer (a provider-wide contract, a practice's cost) counts only in an unnarrowed series.
/// </summary>
public sealed partial class MeasureEngine
{
    readonly Dictionary<Guid, string?> currencies = [];

    public static bool IsMoney(MeasureDefinition measure) => measure.Unit is MeasureUnit.Currency;

    /// <summary>The provider's reporting currency, or null when its finance settings set none (money measures cannot be computed then).</summary>
    public async Task<string?> ReportingCurrencyAsync(Guid provider, CancellationToken ct)
    {
        if (currencies.TryGetValue(provider, out var known)) return known;
        return currencies[provider] = await db.FinanceSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == provider).Select(s => s.ReportingCurrency).SingleOrDefaultAsync(ct);
    }

    /// <summary>The days of [from, to) in the zone: the ledger books by day.</summary>
    static DateInterval DaysOf(Instant from, Instant to, DateTimeZone zone) => new(from.InZone(zone).Date, (to - Duration.Epsilon).InZone(zone).Date);

    /// <summary>One span's money (the ledger over its days) and, for cost per record, the records resolved in it.</summary>
    async Task<Dictionary<Guid, MeasureParts>> MoneyAsync(string key, Guid provider, MeasureFilter f, Instant from, Instant to, DateTimeZone zone, Instant now,
        bool byService, CancellationToken ct)
    {
        var ledger = await LedgerAsync(provider, f, DaysOf(from, to, zone), now, ct);
        var groups = Groups();
        if (!byService) Of(groups, provider);
        ledger.AddTo(groups, provider, byService, month: null);
        if (key == "cost-per-record") await AddResolvedAsync(groups, provider, f, from, to, byService, ct);
        foreach (var parts in groups.Values) parts.Currency = ledger.Cube.ReportingCurrency;
        return groups;
    }

    /// <summary>
    /// A series by calendar month from one ledger over the whole period: each bucket is a month (cut
    /// to the period at its ends), so the cube's month cells are the buckets. Any other interval is
    /// the caller's mistake: the ledger converts a month's spread amounts at one rate.
    /// </summary>
    async Task<List<MeasureParts>> MoneySeriesAsync(string key, Guid provider, MeasureFilter f, IReadOnlyList<PeriodBucket> buckets, DateTimeZone zone, Instant now,
        CancellationToken ct)
    {
        if (buckets.Count == 0) return [];
        var months = buckets.Select(b => DaysOf(b.From, b.To, zone)).Select(d => (Start: new YearMonth(d.Start.Year, d.Start.Month), End: new YearMonth(d.End.Year, d.End.Month))).ToList();
        if (months.Any(m => m.Start != m.End) || months.Select(m => m.Start).Distinct().Count() != months.Count)
            throw new ArgumentException("Money measures are booked by calendar month: ask for monthly buckets.", nameof(buckets));
        var ledger = await LedgerAsync(provider, f, DaysOf(buckets[0].From, buckets[^1].To, zone), now, ct);
        var series = new List<MeasureParts>();
        for (var i = 0; i < buckets.Count; i++)
        {
            var groups = Groups();
            var parts = Of(groups, provider);
            ledger.AddTo(groups, provider, byService: false, months[i].Start);
            if (key == "cost-per-record") await AddResolvedAsync(groups, provider, f, buckets[i].From, buckets[i].To, byService: false, ct);
            parts.Currency = ledger.Cube.ReportingCurrency;
            series.Add(parts);
        }
        return series;
    }

    /// <summary>Cost per record's divisor: the records resolved in the span (their latest resolution), in the scope.</summary>
    async Task AddResolvedAsync(Dictionary<Guid, MeasureParts> groups, Guid provider, MeasureFilter f, Instant from, Instant to, bool byService, CancellationToken ct)
    {
        var resolved = Resolved(provider, f, from, to);
        var counts = byService
            ? await resolved.GroupBy(r => r.ServiceId).Select(g => new Counted { Key = g.Key, Count = g.Count() }).ToListAsync(ct)
            : [new Counted { Key = provider, Count = await resolved.CountAsync(ct) }];
        foreach (var c in counts) Of(groups, c.Key).Denominator += c.Count;
    }

    /// <summary>The ledger of the days for the provider (of one customer, in the query, when the scope names one) and the test of a booking's scope.</summary>
    async Task<ScopedLedger> LedgerAsync(Guid provider, MeasureFilter f, DateInterval days, Instant now, CancellationToken ct)
    {
        var currency = await ReportingCurrencyAsync(provider, ct)
            ?? throw new InvalidOperationException("Money measures need the provider's reporting currency: check ReportingCurrencyAsync first.");
        var cube = await FinanceLedger.CubeAsync(db, provider, currency, days, f.CustomerId, ct);
        Func<LedgerCell, bool> inKind = _ => true;
        if (f.Kind is { } kind)
        {
            // The kind of a booking as the P&L by kind has it: labour's stamped, the rest the relationship's derived today.
            var request = new PnlRequest(provider, PnlGrouping.Kind, days, DateTimeZone.Utc, ReportFormat.Json, f.CustomerId);
            var subscriptions = await FinanceLedger.SubscriptionsAsync(db, provider, days, f.CustomerId, ct);
            var kinds = await PnlReport.Groups.LoadAsync(db, request, PnlReport.Pairs(subscriptions), [], now.InUtc().Date, ct);
            var name = kind.ToString();
            inKind = c => kinds.KeyOf(c) == name;
        }
        bool InScope(LedgerCell c) =>
            (f.ServiceId is not { } service || c.ServiceId == service) && (f.CustomerId is not { } customer || c.CustomerId == customer) && inKind(c);
        var uncostedPeople = cube.UncostedCells.Select(u => u.PersonId).Distinct().ToList();
        var own = uncostedPeople.Count == 0 ? [] : await db.People.IgnoreQueryFilters()
            .Where(p => uncostedPeople.Contains(p.Id) && p.OrganizationId == provider).Select(p => p.Id).ToListAsync(ct);
        return new ScopedLedger(cube, InScope, [.. own]);
    }

    /// <summary>A ledger with the test of which bookings are in scope and the provider's own people (whose uncosted work is a gap; a partner's is paid by its charge).</summary>
    sealed record ScopedLedger(LedgerCube Cube, Func<LedgerCell, bool> InScope, HashSet<Guid> OwnPeople)
    {
        /// <summary>Adds the bookings in scope (of one month, or all) to each group: the provider's, or their service's (none: <see cref="Guid.Empty"/>).</summary>
        public void AddTo(Dictionary<Guid, MeasureParts> groups, Guid provider, bool byService, YearMonth? month)
        {
            bool Counts(LedgerCell c) => (month is not { } m || c.Month == m) && InScope(c);
            MeasureParts PartsOf(LedgerCell c) => Of(groups, byService ? c.ServiceId : provider);
            foreach (var cell in Cube.Cells.Where(Counts))
            {
                var parts = PartsOf(cell);
                switch (cell.Source)
                {
                    case LedgerSource.Revenue: parts.Revenue += cell.Amount; break;
                    case LedgerSource.Labour: parts.Labour += cell.Amount; break;
                    case LedgerSource.Supplier: parts.Supplier += cell.Amount; break;
                    default: parts.Other += cell.Amount; break;
                }
                parts.N += cell.Rows;
            }
            foreach (var missing in Cube.MissingCells.Where(m => Counts(m.Booking)))
                PartsOf(missing.Booking).Missing.Add(new MissingAmount(missing.Booking.Source, missing.Currency, missing.Booking.Month, missing.Booking.Amount, missing.Booking.Rows));
            foreach (var uncosted in Cube.UncostedCells.Where(u => OwnPeople.Contains(u.PersonId) && Counts(u.Booking)))
                PartsOf(uncosted.Booking).UncostedMinutes += uncosted.Booking.Minutes;
        }
    }

    /// <summary>
    /// Cost per record: costs ÷ records resolved, to cents (none without a record resolved); margin:
    /// revenue − costs (none when the ledger has no row in scope). Cost per record lists only the
    /// costs' missing amounts: a revenue without a rate does not change it.
    /// </summary>
    static MeasureValue FinishMoney(string key, MeasureParts p)
    {
        if (p.Currency is not { } currency) return new(null, null, null, 0);
        var costs = p.Labour + p.Supplier + p.Other;
        var perRecord = key == "cost-per-record";
        var missing = p.Missing.Where(m => !perRecord || m.Source is not LedgerSource.Revenue).GroupBy(m => (m.Source, m.Currency, m.Month))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Source).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new PnlMissing(PnlReport.SourceName(g.Key.Source), g.Key.Currency, PnlRequest.Iso(g.Key.Month), Money.Round(g.Sum(m => m.Amount)), g.Sum(m => m.Rows)))
            .ToList();
        var money = new MeasureMoney(currency, Money.Round(p.Revenue), Money.Round(p.Labour), Money.Round(p.Supplier), Money.Round(p.Other), Money.Round(costs),
            Money.Round(p.Revenue - costs), perRecord ? p.Denominator : null, missing, p.UncostedMinutes, missing.Count == 0 && p.UncostedMinutes == 0);
        if (perRecord)
            return new((double?)MeasureMath.PerRecord(costs, p.Denominator), null, p.Denominator, p.Denominator, money);
        var rows = p.N + p.Missing.Sum(m => m.Rows);
        return new(rows == 0 ? null : (double)money.Margin, null, null, p.N, money);
    }
}
