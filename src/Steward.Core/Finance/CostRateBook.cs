using NodaTime;

namespace Steward.Core.Finance;

/// <summary>An hourly cost of a person or a team (exactly one) from a day on.</summary>
public readonly record struct PayeeRate(Guid? PersonId, Guid? TeamId, decimal HourlyAmount, string Currency, LocalDate ValidFrom);

public enum RateSource { Person, Team }

/// <summary>The rate that costs one work-log entry, and whose it was.</summary>
public readonly record struct RateInForce(decimal HourlyAmount, string Currency, RateSource Source, LocalDate ValidFrom);

/// <summary>
/// Which hourly cost applies to work logged by a person on a day: the person's own rate in force
/// that day; else, when the work was done as a team (the step's performer), that team's rate in
/// force; else none, and the work is uncosted (listed as such, never costed at zero). A rate is in
/// force from its ValidFrom until the payee's next rate: a chain without gaps.
/// </summary>
public sealed class CostRateBook
{
    readonly Dictionary<Guid, PayeeRate[]> byPerson;
    readonly Dictionary<Guid, PayeeRate[]> byTeam;

    public CostRateBook(IEnumerable<PayeeRate> rates)
    {
        var all = rates.ToList();
        byPerson = Chains(all.Where(r => r.PersonId is not null), r => r.PersonId!.Value);
        byTeam = Chains(all.Where(r => r.PersonId is null && r.TeamId is not null), r => r.TeamId!.Value);
    }

    /// <param name="partyId">The party the work was done as (a team or an organization); only a team has rates.</param>
    public RateInForce? For(Guid personId, Guid? partyId, LocalDate day)
    {
        if (InForce(byPerson, personId, day) is { } own) return new(own.HourlyAmount, own.Currency, RateSource.Person, own.ValidFrom);
        if (partyId is { } party && InForce(byTeam, party, day) is { } team) return new(team.HourlyAmount, team.Currency, RateSource.Team, team.ValidFrom);
        return null;
    }

    /// <summary>The first day the person's own rates cost their work: from then on the chain has no gap.</summary>
    public LocalDate? PersonCoveredFrom(Guid personId) => byPerson.TryGetValue(personId, out var chain) ? chain[0].ValidFrom : null;

    /// <summary>What <paramref name="minutes"/> of work cost at an hourly amount, unrounded.</summary>
    public static decimal Cost(int minutes, decimal hourlyAmount) => minutes * hourlyAmount / 60m;

    /// <summary>
    /// Where each rate of one payee stops being in force (exclusive): the next rate's ValidFrom, or
    /// null for the latest. Stored on the rate so that SQL can join work on an interval.
    /// </summary>
    public static IReadOnlyList<(T Rate, LocalDate? ValidUntil)> Intervals<T>(IEnumerable<T> payeeRates, Func<T, LocalDate> validFrom)
    {
        var ordered = payeeRates.OrderBy(validFrom).ToList();
        return [.. ordered.Select((rate, i) => (rate, i + 1 < ordered.Count ? validFrom(ordered[i + 1]) : (LocalDate?)null))];
    }

    static Dictionary<Guid, PayeeRate[]> Chains(IEnumerable<PayeeRate> rates, Func<PayeeRate, Guid> payee) =>
        rates.GroupBy(payee).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ValidFrom).ToArray());

    static PayeeRate? InForce(Dictionary<Guid, PayeeRate[]> chains, Guid payee, LocalDate day)
    {
        if (!chains.TryGetValue(payee, out var chain)) return null;
        PayeeRate? found = null;
        foreach (var rate in chain)
        {
            if (rate.ValidFrom > day) break;
            found = rate;
        }
        return found;
    }
}
