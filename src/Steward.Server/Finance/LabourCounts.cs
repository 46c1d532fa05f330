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
/// Labour read from the work log, which may hold a million entries: every statement is a range of
/// one covering index and the arithmetic is integer sums (docs/performance.md, issue 20). Called after
/// the P&amp;L's tenancy gate, so it reads past the query filters, like the satisfaction counts.
/// <list type="number">
/// <item>Who worked for the provider in the period, and from which day (index on provider and day).</item>
/// <item>Per month, work costed by the worker's own rates: the rates (few) drive the join, and each
/// rate's interval is one range of the index on person and day.</item>
/// <item>The work of people without their own rate on those days, per day, for the team rate or the uncosted list.</item>
/// </list>
/// </summary>
public static class LabourCounts
{
    public static async Task<Dictionary<Guid, LocalDate>> FirstDaysAsync(StewardDbContext db, Guid providerId, DateInterval period, Guid? customerId,
        CancellationToken ct) =>
        await Entries(db, providerId, period.Start, period.End, customerId)
            .GroupBy(w => w.PersonId)
            .Select(g => new { Person = g.Key, First = g.Min(w => w.On) })
            .ToDictionaryAsync(x => x.Person, x => x.First, ct);

    /// <summary>One month's (or part of a month's) work costed by person rates, summed per booking and currency.</summary>
    public static Task<List<LabourSum>> ByPersonRatesAsync(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId,
        CancellationToken ct)
    {
        var entries = Entries(db, providerId, first, last, customerId);
        return (from r in db.CostRates.IgnoreQueryFilters()
                from w in entries
                where r.PersonId != null && (Guid?)w.PersonId == r.PersonId
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

    /// <summary>The provider's entries of the days, of one customer's records where one is named (the column is on both covering indexes).</summary>
    static IQueryable<Core.Records.WorkLogEntry> Entries(StewardDbContext db, Guid providerId, LocalDate first, LocalDate last, Guid? customerId)
    {
        var entries = db.WorkLog.IgnoreQueryFilters().Where(w => w.ProviderId == providerId && w.On >= first && w.On <= last);
        return customerId is { } customer ? entries.Where(w => w.CustomerId == customer) : entries;
    }
}
