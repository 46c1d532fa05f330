using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Sourcing;

namespace Steward.Server.Finance;

/// <summary>Minutes and their cost in one currency, summed in the database for one month and booking.</summary>
/// <param name="Units">Σ minutes × hourly units (ten-thousandths): the cost is Units / 10⁴ / 60, exact.</param>
public sealed record LabourSum(Guid? ServiceId, Guid CustomerId, SourcingKind? Kind, string Currency, long Units, long Minutes, int Entries)
{
    public decimal Amount => MoneyUnits.ToAmount(Units) / 60m;
}

/// <summary>Work-log minutes of people not (yet) costed by their own rate, per person, party, booking and day: costed in .NET, by a team's rate or not at all.</summary>
public sealed record LabourDay(Guid PersonId, Guid? PartyId, Guid? ServiceId, Guid CustomerId, SourcingKind? Kind, LocalDate On, long Minutes, int Entries);

/// <summary>
/// Labour read from the work log, which may hold a million entries, and from its monthly rollup
/// (<see cref="WorkLogMonth"/>), which holds thousands: every statement is a range of one index and
/// the arithmetic is integer sums (docs/performance.md, issue 20). Called after the P&amp;L's tenancy
/// gate, so it reads past the query filters, like the satisfaction counts.
/// <list type="number">
/// <item>Who worked for the provider in the period (the rollup's months), and from which day (one
/// seek per person on the index on person and day).</item>
/// <item>Per month, work costed by the worker's own rates: the rates (few) drive the join. A rate in
/// force the whole month costs the person's month from the rollup; a rate that starts or ends inside
/// the month, and every rate of a month the period covers only in part, costs its days of entries
/// (one range of the index on person and day).</item>
/// <item>The work of people without their own rate on those days, per day, for the team rate or the uncosted list.</item>
/// </list>
/// </summary>
public static class LabourCounts
{
    public static async Task<Dictionary<Guid, LocalDate>> FirstDaysAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId,
        CancellationToken ct)
    {
        // The rollup's months of the period name who may have worked in it, and from which month; an
        // edge month's work may fall outside the period, so the first day is read from the entries.
        var workers = await Months(db, providerId, MonthOf(period.Start), MonthOf(period.End), customerId)
            .GroupBy(m => m.PersonId)
            .Select(g => new { Person = g.Key, From = g.Min(m => m.Month) })
            .ToListAsync(ct);
        var firstDays = new Dictionary<Guid, LocalDate>();
        foreach (var worker in workers)
        {
            var first = await Entries(db, providerId, LocalDate.Max(worker.From, period.Start), period.End, customerId)
                .Where(w => w.PersonId == worker.Person)
                .OrderBy(w => w.On).Select(w => (LocalDate?)w.On).FirstOrDefaultAsync(ct);
            if (first is { } day) firstDays[worker.Person] = day;
        }
        return firstDays;
    }

    /// <summary>One month's (or part of a month's) work costed by person rates, summed per booking and currency.</summary>
    public static async Task<List<LabourSum>> ByPersonRatesAsync(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId,
        CancellationToken ct)
    {
        if (first.Day != 1 || last != first.With(DateAdjusters.EndOfMonth))
            return await FromEntriesAsync(db, providerId, first, last, customerId, onlyRatesChangingInside: false, ct);
        // A whole month: each rate costs either the person's whole month (the rollup) or some of its
        // days (the entries), never both, so the two halves add up to the sum over the entries alone.
        // They are added here, per booking, so that the ledger converts each sum once, as before.
        var sums = await FromMonthsAsync(db, providerId, first, last, customerId, ct);
        sums.AddRange(await FromEntriesAsync(db, providerId, first, last, customerId, onlyRatesChangingInside: true, ct));
        return [.. sums.GroupBy(s => (s.ServiceId, s.CustomerId, s.Kind, s.Currency))
            .Select(g => new LabourSum(g.Key.ServiceId, g.Key.CustomerId, g.Key.Kind, g.Key.Currency,
                g.Sum(s => s.Units), g.Sum(s => s.Minutes), g.Sum(s => s.Entries)))];
    }

    /// <summary>The month's work of the people whose own rate is in force from its first day to its last, from the rollup.</summary>
    static async Task<List<LabourSum>> FromMonthsAsync(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId,
        CancellationToken ct)
    {
        var months = Months(db, providerId, first, first, customerId);
        var sums = await (from r in db.CostRates.IgnoreQueryFilters()
                          from m in months
                          where r.PersonId != null && (Guid?)m.PersonId == r.PersonId
                             && r.ValidFrom <= first && (r.ValidUntil == null || r.ValidUntil > last)
                          group new { m.Minutes, m.Entries, r.HourlyUnits } by new { m.ServiceId, m.CustomerId, m.SourcingKind, r.Currency } into g
                          select new
                          {
                              g.Key.ServiceId, g.Key.CustomerId, g.Key.SourcingKind, g.Key.Currency,
                              Units = g.Sum(x => x.Minutes * x.HourlyUnits), Minutes = g.Sum(x => x.Minutes), Entries = g.Sum(x => x.Entries),
                          })
            .ToListAsync(ct);
        return [.. sums.Select(s =>
        {
            var (service, kind) = WorkLogRollup.Booking(s.ServiceId, s.SourcingKind);
            return new LabourSum(service, s.CustomerId, kind, s.Currency, s.Units, s.Minutes, s.Entries);
        })];
    }

    /// <param name="onlyRatesChangingInside">Only the rates that start or end inside a whole month (the others are the rollup's).</param>
    static Task<List<LabourSum>> FromEntriesAsync(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId,
        bool onlyRatesChangingInside, CancellationToken ct)
    {
        var entries = Entries(db, providerId, first, last, customerId);
        var rates = db.CostRates.IgnoreQueryFilters().Where(r => r.PersonId != null);
        if (onlyRatesChangingInside)
            rates = rates.Where(r => r.ValidFrom <= last && (r.ValidUntil == null || r.ValidUntil > first) // in force some day of the month
                && (r.ValidFrom > first || (r.ValidUntil != null && r.ValidUntil <= last)));              // but not every day
        return (from r in rates
                from w in entries
                where (Guid?)w.PersonId == r.PersonId
                   && w.On >= r.ValidFrom && (r.ValidUntil == null || w.On < r.ValidUntil)
                group new { w.Minutes, r.HourlyUnits } by new { w.ServiceId, w.CustomerId, w.SourcingKind, r.Currency } into g
                select new LabourSum(g.Key.ServiceId, g.Key.CustomerId, g.Key.SourcingKind, g.Key.Currency,
                    g.Sum(x => (long)x.Minutes * x.HourlyUnits), g.Sum(x => (long)x.Minutes), g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>The work of <paramref name="people"/> in the period, per day; the caller keeps the days their own rates do not cover.</summary>
    public static Task<List<LabourDay>> DaysOfAsync(StewardDbContext db, Guid providerId, DateInterval period, IReadOnlyCollection<Guid> people, Guid? customerId,
        CancellationToken ct) =>
        Entries(db, providerId, period.Start, period.End, customerId)
            .Where(w => people.Contains(w.PersonId))
            .GroupBy(w => new { w.PersonId, w.PartyId, w.ServiceId, w.CustomerId, w.SourcingKind, w.On })
            .Select(g => new LabourDay(g.Key.PersonId, g.Key.PartyId, g.Key.ServiceId, g.Key.CustomerId, g.Key.SourcingKind, g.Key.On,
                g.Sum(w => (long)w.Minutes), g.Count()))
            .ToListAsync(ct);

    /// <summary>The provider's rollup rows of the months from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (first days), of one customer where one is named.</summary>
    static IQueryable<WorkLogMonth> Months(StewardDbContext db, Guid providerId, LocalDate firstMonth, LocalDate lastMonth, Guid? customerId)
    {
        var months = db.WorkLogMonths.IgnoreQueryFilters().Where(m => m.ProviderId == providerId && m.Month >= firstMonth && m.Month <= lastMonth);
        return customerId is { } customer ? months.Where(m => m.CustomerId == customer) : months;
    }

    static LocalDate MonthOf(LocalDate day) => new(day.Year, day.Month, 1);

    /// <summary>The provider's entries of the days, of one customer's records where one is named (the column is on both covering indexes).</summary>
    static IQueryable<Core.Records.WorkLogEntry> Entries(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId)
    {
        var entries = db.WorkLog.IgnoreQueryFilters().Where(w => w.ProviderId == providerId && w.On >= first && w.On <= last);
        return customerId is { } customer ? entries.Where(w => w.CustomerId == customer) : entries;
    }
}
