using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Server.Finance;

/// <summary>Where a P&amp;L figure comes from.</summary>
public enum LedgerSource { Revenue, Labour, Supplier, Other }

/// <summary>
/// A sum of the ledger in the reporting currency, for one month, source and booking. Labour carries
/// the kind of sourcing stamped on its work-log entries; other sources get theirs from the
/// relationship when grouped by kind. <see cref="PracticeId"/> is set only where a cost was booked
/// to a practice by name; otherwise a figure's practice is its service's.
/// </summary>
public sealed record LedgerCell(YearMonth Month, LedgerSource Source, Guid? ServiceId, Guid? CustomerId, Guid? PracticeId, SourcingKind? StampedKind,
    decimal Amount, long Minutes, int Rows);

/// <summary>Amounts left out of every total for want of a rate into the reporting currency, per source, currency and month.</summary>
public sealed record MissingAmount(LedgerSource Source, string Currency, YearMonth Month, decimal Amount, int Rows);

/// <summary>Work nobody's rate costs: a person without a rate of their own and not working as a team that has one.</summary>
public sealed record UncostedWork(Guid PersonId, long Minutes, int Entries);

/// <summary>
/// An amount no rate converts, with its booking (so that a measure narrowed to a service, customer
/// or kind names the amounts missing from its own figures): <see cref="LedgerCell.Amount"/> is in
/// <see cref="Currency"/>, not the reporting currency.
/// </summary>
public sealed record MissingCell(LedgerCell Booking, string Currency);

/// <summary>A person's work nobody's rate costs, with its booking: <see cref="LedgerCell.Minutes"/> and <see cref="LedgerCell.Rows"/> (entries); no amount.</summary>
public sealed record UncostedCell(Guid PersonId, LedgerCell Booking);

/// <summary>
/// The month cube of a provider's period: everything the P&amp;L rolls up, converted; what could not be
/// converted; what was not costed. <see cref="CustomerId"/> is set when the cube was read for one
/// customer's relationship: only amounts booked to that customer are in it.
/// </summary>
public sealed record LedgerCube(Guid ProviderId, string ReportingCurrency, DateInterval Period, IReadOnlyList<YearMonth> Months,
    IReadOnlyList<LedgerCell> Cells, IReadOnlyList<MissingCell> MissingCells, IReadOnlyList<UncostedCell> UncostedCells, RateBook Rates, Guid? CustomerId = null)
{
    /// <summary>What is missing per source, currency and month, as the P&amp;L lists it.</summary>
    public IReadOnlyList<MissingAmount> Missing { get; } = FinanceLedger.Sum(MissingCells);

    /// <summary>The uncosted work per person.</summary>
    public IReadOnlyList<UncostedWork> Uncosted { get; } = [.. UncostedCells.GroupBy(u => u.PersonId)
        .Select(g => new UncostedWork(g.Key, g.Sum(u => u.Booking.Minutes), g.Sum(u => u.Booking.Rows)))];
}

/// <summary>
/// Builds a provider's ledger for a period of days: revenue (subscriptions prorated by day into
/// months), labour (work-log minutes × the worker's rate on the day), supplier charges (prorated
/// like revenue) and other costs, each converted into the reporting currency at the rate of its
/// day: a dated cost at its own date; spread amounts (revenue and supplier slices, a month's
/// labour) at the first day of their month in the period. Nothing is converted 1:1 for want of a
/// rate: it is listed as missing instead. Reads past the query filters: call it after the caller
/// checked that the actor sees the provider. With a customer, every statement is narrowed to the
/// amounts booked to that customer in the database (the relationship review reads one customer of
/// many): amounts booked to a service or practice alone, or provider-wide, are not in it.
/// </summary>
public static class FinanceLedger
{
    public static async Task<LedgerCube> CubeAsync(StewardDbContext db, Guid providerId, string reportingCurrency, DateInterval period, Guid? customerId,
        CancellationToken ct)
    {
        var rates = new RateBook(reportingCurrency, await db.ExchangeRates.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ProviderId == providerId && r.To == reportingCurrency)
            .Select(r => new DatedRate(r.From, r.To, r.On, r.Rate)).ToListAsync(ct));
        var book = new Book(period, rates);

        foreach (var s in await SubscriptionsAsync(db, providerId, period, customerId, ct))
            foreach (var slice in ChargeProration.Slices(s.ChargeAmount, s.ChargePeriod, s.Start, s.End, period))
                book.Add(LedgerSource.Revenue, slice, s.ChargePeriod, s.ChargeCurrency, s.ServiceId, s.CustomerId, null);

        foreach (var c in await SupplierChargesAsync(db, providerId, period, customerId, ct))
            foreach (var slice in ChargeProration.Slices(c.Amount, c.Period, c.Start, c.End, period))
                book.Add(LedgerSource.Supplier, slice, c.Period, c.Currency, c.ServiceId, c.CustomerId, null);

        foreach (var c in await CostsAsync(db, providerId, period, customerId, ct))
            book.AddDated(LedgerSource.Other, c.On, c.Amount, c.Currency, c.ServiceId, c.CustomerId, c.PracticeId);

        var uncosted = await AddLabourAsync(db, providerId, period, customerId, book, ct);
        return new LedgerCube(providerId, reportingCurrency, period, book.Months, book.Cells(), book.MissingCells(), uncosted, rates, customerId);
    }

    /// <summary>Missing amounts summed per source, currency and month, in month, source and currency order.</summary>
    public static IReadOnlyList<MissingAmount> Sum(IEnumerable<MissingCell> cells) =>
        [.. cells.GroupBy(m => (m.Booking.Source, m.Currency, m.Booking.Month))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Source).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new MissingAmount(g.Key.Source, g.Key.Currency, g.Key.Month, g.Sum(m => m.Booking.Amount), g.Sum(m => m.Booking.Rows)))];

    public sealed record SubscriptionRow(Guid Id, Guid OfferingId, Guid ServiceId, Guid CustomerId, LocalDate Start, LocalDate? End, decimal ChargeAmount,
        string ChargeCurrency, ChargePeriod ChargePeriod);

    /// <summary>The provider's subscriptions that overlap the period; its own (internal) ones earn nothing.</summary>
    public static Task<List<SubscriptionRow>> SubscriptionsAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId, CancellationToken ct)
    {
        var subscriptions = db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProviderId == providerId && s.CustomerId != providerId && s.Start <= period.End && (s.End == null || s.End >= period.Start));
        if (customerId is { } customer) subscriptions = subscriptions.Where(s => s.CustomerId == customer);
        return subscriptions
            .Select(s => new SubscriptionRow(s.Id, s.OfferingId, s.ServiceId, s.CustomerId, s.Start, s.End, s.ChargeAmount, s.ChargeCurrency, s.ChargePeriod))
            .ToListAsync(ct);
    }

    public sealed record SupplierChargeRow(Guid Id, Guid AgreementId, string Reference, Guid CounterpartyId, Guid? ServiceId, Guid? CustomerId,
        decimal Amount, string Currency, ChargePeriod Period, LocalDate Start, LocalDate? End);

    /// <summary>The provider's supplier charges overlapping the period, booked to their contract's service (none: provider-wide).</summary>
    public static Task<List<SupplierChargeRow>> SupplierChargesAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId, CancellationToken ct)
    {
        var charges = db.SupplierCharges.IgnoreQueryFilters().Where(c => c.ProviderId == providerId && c.Start <= period.End && (c.End == null || c.End >= period.Start));
        if (customerId is { } customer) charges = charges.Where(c => c.CustomerId == customer);
        return (from c in charges
                join a in db.AgreementRecords.IgnoreQueryFilters() on c.AgreementId equals a.Id
                select new SupplierChargeRow(c.Id, c.AgreementId, a.Reference, a.CounterpartyId, a.ServiceId, c.CustomerId, c.Amount, c.Currency, c.Period, c.Start, c.End))
            .AsNoTracking().ToListAsync(ct);
    }

    public sealed record CostRow(Guid Id, LocalDate On, decimal Amount, string Currency, string Category, Guid? ServiceId, Guid? CustomerId, Guid? PracticeId);

    public static Task<List<CostRow>> CostsAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId, CancellationToken ct)
    {
        var costs = db.CostEntries.IgnoreQueryFilters().AsNoTracking().Where(c => c.ProviderId == providerId && c.On >= period.Start && c.On <= period.End);
        if (customerId is { } customer) costs = costs.Where(c => c.CustomerId == customer);
        return costs.Select(c => new CostRow(c.Id, c.On, c.Amount, c.Currency, c.Category, c.ServiceId, c.CustomerId, c.PracticeId)).ToListAsync(ct);
    }

    /// <summary>Labour: by person rates per month in the database; the days of people without their own rate by team rate here; the rest listed as uncosted.</summary>
    static async Task<IReadOnlyList<UncostedCell>> AddLabourAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId, Book book,
        CancellationToken ct)
    {
        var firstDays = await LabourCounts.FirstDaysAsync(db, providerId, period, customerId, ct);
        if (firstDays.Count == 0) return [];
        foreach (var month in book.Months)
        {
            var (first, last) = book.Slice(month);
            foreach (var sum in await LabourCounts.ByPersonRatesAsync(db, providerId, first, last, customerId, ct))
                book.AddLabour(month, sum.Currency, sum.Amount, sum.ServiceId, sum.CustomerId, sum.Kind, sum.Minutes, sum.Entries);
        }

        // Who is not covered by their own rates from their first day of work: their days go through the book.
        var people = firstDays.Keys.ToList();
        var rates = new CostRateBook(await RatesAsync(db, people, null, ct));
        var uncovered = firstDays.Where(d => rates.PersonCoveredFrom(d.Key) is not { } from || from > d.Value).Select(d => d.Key).ToList();
        if (uncovered.Count == 0) return [];
        var days = await LabourCounts.DaysOfAsync(db, providerId, period, uncovered, customerId, ct);
        var parties = days.Select(d => d.PartyId).OfType<Guid>().Distinct().ToList();
        rates = new CostRateBook(await RatesAsync(db, uncovered, parties, ct));
        var uncosted = new Dictionary<(Guid Person, YearMonth Month, Guid? Service, Guid Customer, SourcingKind? Kind), (long Minutes, int Entries)>();
        foreach (var day in days)
        {
            if (rates.PersonCoveredFrom(day.PersonId) is { } from && day.On >= from) continue; // summed with the person rates
            if (rates.For(day.PersonId, day.PartyId, day.On) is { } rate)
                book.AddLabour(new YearMonth(day.On.Year, day.On.Month), rate.Currency, day.Minutes * rate.HourlyAmount / 60m,
                    day.ServiceId, day.CustomerId, day.Kind, day.Minutes, day.Entries);
            else
            {
                var key = (day.PersonId, new YearMonth(day.On.Year, day.On.Month), day.ServiceId, day.CustomerId, day.Kind);
                var (minutes, entries) = uncosted.GetValueOrDefault(key);
                uncosted[key] = (minutes + day.Minutes, entries + day.Entries);
            }
        }
        return [.. uncosted.Select(u => new UncostedCell(u.Key.Person,
            new LedgerCell(u.Key.Month, LedgerSource.Labour, u.Key.Service, u.Key.Customer, null, u.Key.Kind, 0m, u.Value.Minutes, u.Value.Entries)))];
    }

    /// <summary>The rates of <paramref name="people"/> and of <paramref name="teams"/>, past the filters: a partner's person is costed by their own organization's rate.</summary>
    public static Task<List<PayeeRate>> RatesAsync(StewardDbContext db, IReadOnlyCollection<Guid> people, IReadOnlyCollection<Guid>? teams, CancellationToken ct) =>
        db.CostRates.IgnoreQueryFilters().AsNoTracking()
            .Where(r => (r.PersonId != null && people.Contains(r.PersonId.Value)) || (teams != null && r.TeamId != null && teams.Contains(r.TeamId.Value)))
            .Select(r => new PayeeRate(r.PersonId, r.TeamId, r.HourlyAmount, r.Currency, r.ValidFrom))
            .ToListAsync(ct);

    /// <summary>The first day of a month's slice of the period: the day spread amounts of that month convert at.</summary>
    public static LocalDate ConversionDay(DateInterval period, YearMonth month) => LocalDate.Max(month.OnDayOfMonth(1), period.Start);

    /// <summary>The calendar months a period of days touches, in order.</summary>
    public static IReadOnlyList<YearMonth> MonthsOf(DateInterval period)
    {
        var months = new List<YearMonth>();
        for (var m = new YearMonth(period.Start.Year, period.Start.Month); m.OnDayOfMonth(1) <= period.End; m = m.PlusMonths(1)) months.Add(m);
        return months;
    }

    /// <summary>Collects converted sums per cell and what could not be converted.</summary>
    sealed class Book(DateInterval period, RateBook rates)
    {
        readonly Dictionary<(YearMonth, LedgerSource, Guid?, Guid?, Guid?, SourcingKind?), (decimal Amount, long Minutes, int Rows)> cells = [];
        readonly Dictionary<(YearMonth, LedgerSource, Guid?, Guid?, Guid?, SourcingKind?, string), (decimal Amount, int Rows)> missing = [];

        public IReadOnlyList<YearMonth> Months { get; } = MonthsOf(period);

        public (LocalDate First, LocalDate Last) Slice(YearMonth month) =>
            (LocalDate.Max(month.OnDayOfMonth(1), period.Start), LocalDate.Min(month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)), period.End));

        /// <summary>A slice of a charge: a one-off converts at its day, a spread charge at its month's first day in the period.</summary>
        public void Add(LedgerSource source, ChargeSlice slice, ChargePeriod chargePeriod, string currency, Guid? service, Guid? customer, Guid? practice) =>
            Put(source, slice.Month, chargePeriod is ChargePeriod.OneOff ? slice.Start : ConversionDay(period, slice.Month), slice.Amount, currency,
                service, customer, practice, null, 0, 1);

        public void AddDated(LedgerSource source, LocalDate on, decimal amount, string currency, Guid? service, Guid? customer, Guid? practice) =>
            Put(source, new YearMonth(on.Year, on.Month), on, amount, currency, service, customer, practice, null, 0, 1);

        public void AddLabour(YearMonth month, string currency, decimal amount, Guid? service, Guid customer, SourcingKind? kind, long minutes, int entries) =>
            Put(LedgerSource.Labour, month, ConversionDay(period, month), amount, currency, service, customer, null, kind, minutes, entries);

        void Put(LedgerSource source, YearMonth month, LocalDate day, decimal amount, string currency, Guid? service, Guid? customer, Guid? practice,
            SourcingKind? kind, long minutes, int rows)
        {
            if (rates.Convert(amount, currency, day) is not { } converted)
            {
                var (sum, count) = missing.GetValueOrDefault((month, source, service, customer, practice, kind, currency));
                missing[(month, source, service, customer, practice, kind, currency)] = (sum + amount, count + rows);
                return;
            }
            var key = (month, source, service, customer, practice, kind);
            var cell = cells.GetValueOrDefault(key);
            cells[key] = (cell.Amount + converted, cell.Minutes + minutes, cell.Rows + rows);
        }

        public List<LedgerCell> Cells() => [.. cells.Select(c => new LedgerCell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Key.Item5, c.Key.Item6,
            c.Value.Amount, c.Value.Minutes, c.Value.Rows))];

        public List<MissingCell> MissingCells() => [.. missing.Select(m => new MissingCell(
            new LedgerCell(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Key.Item4, m.Key.Item5, m.Key.Item6, m.Value.Amount, 0, m.Value.Rows), m.Key.Item7))];
    }
}
