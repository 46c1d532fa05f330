namespace Steward.Core.Finance;

/// <summary>
/// An amount in one currency. Amounts of different currencies never add up: converting is the
/// <see cref="RateBook"/>'s business, and a missing rate must show, not vanish into a 1:1 sum.
/// </summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money a, Money b) => a.Currency == b.Currency
        ? new(a.Amount + b.Amount, a.Currency)
        : throw new InvalidOperationException($"Adding {b.Currency} to {a.Currency}: convert one of them first.");

    public static Money operator -(Money a, Money b) => a + new Money(-b.Amount, b.Currency);

    /// <summary>What a report shows: rounded half to even to two places (sums keep every digit until then).</summary>
    public decimal Shown => Round(Amount);

    /// <summary>Half to even, and always with two decimals (192.00, not 192), so that exports and JSON read alike.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven) + 0.00m;

    public override string ToString() => $"{Shown.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}

/// <summary>
/// An amount of at most four decimals as a whole number of ten-thousandths, the precision money
/// is stored in (numeric(18,4)). Sums of such integers are exact on both databases, where decimal
/// sums are not (SQLite keeps decimals as text).
/// </summary>
public static class MoneyUnits
{
    public const decimal PerUnit = 10_000m;

    /// <summary>Rounded to four places as numeric(18,4) rounds: half away from zero.</summary>
    public static long Of(decimal amount) => (long)Math.Round(amount * PerUnit, MidpointRounding.AwayFromZero);

    public static decimal ToAmount(long units) => units / PerUnit;
}
