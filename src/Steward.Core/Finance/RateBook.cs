using NodaTime;

namespace Steward.Core.Finance;

/// <summary>One unit of <paramref name="From"/> is worth <paramref name="Rate"/> units of <paramref name="To"/> from <paramref name="On"/> until a later rate.</summary>
public readonly record struct DatedRate(string From, string To, LocalDate On, decimal Rate);

/// <summary>
/// Converts amounts into a provider's reporting currency at the rate in force on a day: the latest
/// rate dated on or before it. There is one path only: the reporting currency converts at 1, any
/// other needs a rate straight into the reporting currency (no inverted rates, no route through a
/// third currency), and an amount without one is not converted at all: the caller reports it as
/// missing. Taking it 1:1 would hide it in a total that looks right.
/// </summary>
public sealed class RateBook
{
    readonly Dictionary<string, (LocalDate On, decimal Rate)[]> byCurrency;

    public RateBook(string reportingCurrency, IEnumerable<DatedRate> rates)
    {
        ReportingCurrency = reportingCurrency;
        // Rates into a currency that is no longer the reporting one stay recorded and go unused.
        byCurrency = rates.Where(r => r.To == reportingCurrency && r.From != reportingCurrency)
            .GroupBy(r => r.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.On).Select(r => (r.On, r.Rate)).ToArray(), StringComparer.Ordinal);
    }

    public string ReportingCurrency { get; }

    /// <summary>The rate from <paramref name="currency"/> into the reporting currency in force on <paramref name="day"/>; null when there is none.</summary>
    public decimal? RateOn(string currency, LocalDate day)
    {
        if (currency == ReportingCurrency) return 1m;
        if (!byCurrency.TryGetValue(currency, out var dated)) return null;
        // The latest rate on or before the day: dated is ordered, so search for the last On <= day.
        int low = 0, high = dated.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (dated[middle].On <= day) { found = middle; low = middle + 1; }
            else high = middle - 1;
        }
        return found < 0 ? null : dated[found].Rate;
    }

    /// <summary>The amount in the reporting currency, or null when no rate converts it on that day.</summary>
    public decimal? Convert(decimal amount, string currency, LocalDate day) => RateOn(currency, day) is { } rate ? amount * rate : null;
}
