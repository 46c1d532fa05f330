using NodaTime;
using Steward.Core.Finance;

namespace Steward.Core.Tests.Finance;

/// <summary>Which hourly rate costs a person's work on a day, and what it costs.</summary>
public sealed class CostRateBookTests
{
    static readonly Guid Ada = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    static readonly Guid Desk = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    static readonly Guid Supplier = Guid.Parse("00000000-0000-0000-0000-0000000000e1");

    static readonly CostRateBook Book = new(
    [
        new(Ada, null, 60m, "EUR", new LocalDate(2026, 1, 1)),
        new(Ada, null, 72m, "EUR", new LocalDate(2026, 3, 16)),
        new(Ben, null, 80m, "EUR", new LocalDate(2026, 3, 16)),
        new(null, Desk, 48m, "EUR", new LocalDate(2026, 2, 1)),
    ]);

    [Fact]
    public void Work_is_costed_at_the_rate_in_force_on_its_day_so_a_mid_month_change_splits_the_month()
    {
        // 90 min at 60/h on 03-10 is 90.00; 45 min at 72/h on 03-20 is 54.00: March 144.00.
        var early = Book.For(Ada, null, new LocalDate(2026, 3, 10))!.Value;
        var late = Book.For(Ada, null, new LocalDate(2026, 3, 20))!.Value;

        Assert.Equal((60m, RateSource.Person), (early.HourlyAmount, early.Source));
        Assert.Equal((72m, new LocalDate(2026, 3, 16)), (late.HourlyAmount, late.ValidFrom));
        Assert.Equal(90.00m, CostRateBook.Cost(90, early.HourlyAmount));
        Assert.Equal(54.00m, CostRateBook.Cost(45, late.HourlyAmount));
    }

    [Theory]
    [InlineData("b1", "d1", 2026, 3, 10, RateSource.Team, 48)]     // Ben has no rate yet: the team he worked as pays
    [InlineData("b1", "d1", 2026, 3, 16, RateSource.Person, 80)]   // his own rate wins from its first day
    [InlineData("b1", "d1", 2026, 1, 31, null, null)]              // before the team's rate too: uncosted
    [InlineData("b1", "e1", 2026, 3, 10, null, null)]              // worked as an organization, which has no rates
    [InlineData("b1", null, 2026, 3, 10, null, null)]
    [InlineData("a1", "d1", 2026, 3, 10, RateSource.Person, 60)]   // a person's rate comes before the team's
    public void A_person_s_own_rate_comes_first_then_the_team_s_they_worked_as_else_none(
        string person, string? party, int year, int month, int day, RateSource? source, int? hourly)
    {
        var rate = Book.For(IdOf(person), party is null ? null : IdOf(party), new LocalDate(year, month, day));

        Assert.Equal(source, rate?.Source);
        Assert.Equal(hourly, rate is { } r ? (int)r.HourlyAmount : null);
    }

    [Fact]
    public void A_person_is_covered_by_their_own_chain_from_its_first_day()
    {
        Assert.Equal(new LocalDate(2026, 1, 1), Book.PersonCoveredFrom(Ada));
        Assert.Equal(new LocalDate(2026, 3, 16), Book.PersonCoveredFrom(Ben));
        Assert.Null(Book.PersonCoveredFrom(Supplier));
    }

    [Fact]
    public void Each_rate_holds_until_the_payee_s_next_one_and_the_latest_stays_open()
    {
        var rates = new[] { new LocalDate(2026, 3, 16), new LocalDate(2026, 1, 1), new LocalDate(2026, 6, 1) };

        var intervals = CostRateBook.Intervals(rates, d => d);

        Assert.Equal(
        [
            (new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 16)),
            (new LocalDate(2026, 3, 16), new LocalDate(2026, 6, 1)),
            (new LocalDate(2026, 6, 1), (LocalDate?)null),
        ], intervals.Select(i => (i.Rate, i.ValidUntil)));
    }

    static Guid IdOf(string suffix) => Guid.Parse("00000000-0000-0000-0000-0000000000" + suffix);
}
