using NodaTime;
using Steward.Core.Finance;

namespace Steward.Core.Tests.Finance;

/// <summary>Amounts into the reporting currency (EUR here) at the rate of their day; none converts 1:1 by default.</summary>
public sealed class RateBookTests
{
    static readonly RateBook Book = new("EUR",
    [
        new("USD", "EUR", new LocalDate(2026, 3, 1), 0.92m),
        new("USD", "EUR", new LocalDate(2026, 3, 18), 0.93m),
        new("GBP", "EUR", new LocalDate(2026, 1, 1), 1.17m),
        // Neither of these converts into EUR: one runs the other way, one into a former reporting currency.
        new("EUR", "CHF", new LocalDate(2026, 1, 1), 0.94m),
        new("CHF", "USD", new LocalDate(2026, 1, 1), 1.12m),
    ]);

    [Theory]
    [InlineData("USD", 2026, 3, 20, 930.00)]   // the 0.93 of 03-18
    [InlineData("USD", 2026, 3, 17, 920.00)]   // still the 0.92 of 03-01
    [InlineData("USD", 2026, 3, 1, 920.00)]    // a rate holds from its own day
    [InlineData("GBP", 2027, 6, 1, 1170.00)]   // the latest rate holds until another
    [InlineData("EUR", 2020, 1, 1, 1000.00)]   // the reporting currency needs no rate
    public void An_amount_converts_at_the_latest_rate_on_or_before_its_day(string currency, int year, int month, int day, double expected) =>
        Assert.Equal((decimal)expected, Book.Convert(1000m, currency, new LocalDate(year, month, day)));

    [Theory]
    [InlineData("USD", 2026, 2, 28)]   // before the first USD rate
    [InlineData("CHF", 2026, 6, 1)]    // only an inverse EUR→CHF and a CHF→USD are on record: no inversion, no route through USD
    [InlineData("JPY", 2026, 6, 1)]    // no rate at all
    public void An_amount_without_a_rate_into_the_reporting_currency_is_not_converted(string currency, int year, int month, int day)
    {
        Assert.Null(Book.RateOn(currency, new LocalDate(year, month, day)));
        Assert.Null(Book.Convert(1000m, currency, new LocalDate(year, month, day)));
    }

    [Fact]
    public void Money_of_two_currencies_does_not_add_up()
    {
        var sum = new Money(10m, "EUR") + new Money(2.5m, "EUR");

        Assert.Equal(new Money(12.5m, "EUR"), sum);
        Assert.Throws<InvalidOperationException>(() => new Money(10m, "EUR") + new Money(1m, "USD"));
    }

    [Theory]
    [InlineData(60.0, 600000)]
    [InlineData(72.12345, 721235)]   // four places, half away from zero as numeric(18,4) stores it
    [InlineData(-0.00005, -1)]
    [InlineData(1000000, 10000000000)]
    public void Amounts_are_whole_ten_thousandths_for_exact_sums_in_sql(double amount, long units)
    {
        Assert.Equal(units, MoneyUnits.Of((decimal)amount));
        Assert.Equal(Math.Round((decimal)amount, 4, MidpointRounding.AwayFromZero), MoneyUnits.ToAmount(units));
    }
}
