using NodaTime;
using Steward.Core.Records;
using Steward.Core.Satisfaction;

namespace Steward.Core.Tests.Satisfaction;

/// <summary>Which records a survey covers, sampling every Nth, and when a periodic survey's rounds fall.</summary>
public sealed class SurveyRulesTests
{
    static readonly Guid Provider = Guid.NewGuid(), Customer = Guid.NewGuid(), Service = Guid.NewGuid();

    static WorkRecord Record(RecordKind kind = RecordKind.Incident, Guid? service = null, Guid? customer = null, long sequence = 1) => new()
    {
        Kind = kind, Number = "X", Sequence = sequence, ProviderId = Provider, CustomerId = customer ?? Customer, ServiceId = service,
        Title = "T", ProcessKey = kind.ProcessKey(),
    };

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 7, true)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(3, 5, false)]
    [InlineData(3, 6, true)]
    [InlineData(10, 10, true)]
    [InlineData(10, 15, false)]
    public void Sampling_takes_every_nth_record_by_its_number(int everyNth, long sequence, bool invited) =>
        Assert.Equal(invited, Survey.Samples(everyNth, sequence));

    [Fact]
    public void Every_third_of_thirty_numbered_records_is_ten_records() =>
        Assert.Equal(10, Enumerable.Range(1, 30).Count(n => Survey.Samples(3, n)));

    [Fact]
    public void Empty_criteria_cover_every_record_of_the_provider()
    {
        var survey = new Survey { ProviderId = Provider, Name = "All" };

        Assert.True(survey.Covers(Record()));
        Assert.True(survey.Covers(Record(RecordKind.Request, Service)));
        Assert.False(survey.Covers(new WorkRecord { Number = "X", Title = "T", ProcessKey = "p", ProviderId = Guid.NewGuid(), CustomerId = Customer }));
    }

    [Fact]
    public void Each_criterion_narrows_the_records_covered()
    {
        var survey = new Survey { ProviderId = Provider, Name = "Narrow", ServiceIds = [Service], CustomerIds = [Customer], RecordKinds = [RecordKind.Incident] };

        Assert.True(survey.Covers(Record(service: Service)));
        Assert.False(survey.Covers(Record(service: null)));
        Assert.False(survey.Covers(Record(service: Guid.NewGuid())));
        Assert.False(survey.Covers(Record(RecordKind.Request, Service)));
        Assert.False(survey.Covers(Record(service: Service, customer: Guid.NewGuid())));
    }

    [Fact]
    public void A_record_is_asked_about_once_by_the_most_specific_survey_that_samples_it()
    {
        var t0 = Instant.FromUtc(2026, 1, 1, 0, 0);
        var everything = new Survey { ProviderId = Provider, Name = "Every resolution", CreatedAt = t0 };
        var incidents = new Survey { ProviderId = Provider, Name = "Incidents", RecordKinds = [RecordKind.Incident], CreatedAt = t0 + Duration.FromHours(1) };
        var oneService = new Survey { ProviderId = Provider, Name = "Mail incidents", RecordKinds = [RecordKind.Incident], ServiceIds = [Service], EveryNth = 2, CreatedAt = t0 + Duration.FromHours(2) };
        Survey[] surveys = [oneService, incidents, everything];

        Assert.Same(oneService, Survey.AskingAbout(surveys, Record(service: Service, sequence: 2)));
        // Not in the narrow survey's sample: the next most specific one asks.
        Assert.Same(incidents, Survey.AskingAbout(surveys, Record(service: Service, sequence: 3)));
        Assert.Same(incidents, Survey.AskingAbout(surveys, Record(service: Guid.NewGuid())));
        Assert.Same(everything, Survey.AskingAbout(surveys, Record(RecordKind.Request, Service)));
        // Equally narrow: the older one keeps its records.
        var laterIncidents = new Survey { ProviderId = Provider, Name = "Incidents again", RecordKinds = [RecordKind.Incident], CreatedAt = t0 + Duration.FromDays(1) };
        Assert.Same(incidents, Survey.AskingAbout([laterIncidents, incidents], Record()));
        Assert.Null(Survey.AskingAbout([oneService], Record(service: Service, sequence: 3)));
    }

    [Fact]
    public void An_inactive_or_periodic_survey_covers_no_resolved_record()
    {
        Assert.False(new Survey { ProviderId = Provider, Name = "Off", IsActive = false }.Covers(Record()));
        Assert.False(new Survey { ProviderId = Provider, Name = "Quarterly", Trigger = SurveyTrigger.Periodic, EveryMonths = 3, StartsOn = new LocalDate(2026, 1, 1) }.Covers(Record()));
    }

    static Survey Periodic(int everyMonths, LocalDate startsOn) => new()
    {
        ProviderId = Provider, Name = "Relationship", Trigger = SurveyTrigger.Periodic, EveryMonths = everyMonths, StartsOn = startsOn,
    };

    [Theory]
    [InlineData("2026-01-14", null)]
    [InlineData("2026-01-15", 0)]
    [InlineData("2026-04-14", 0)]
    [InlineData("2026-04-15", 1)]
    [InlineData("2026-12-31", 3)]
    [InlineData("2027-01-15", 4)]
    public void A_quarterly_survey_s_latest_due_round_counts_whole_periods_from_its_first_day(string today, int? round) =>
        Assert.Equal(round, Periodic(3, new LocalDate(2026, 1, 15)).DueRound(LocalDate.FromDateTime(DateTime.Parse(today, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Rounds_starting_on_the_31st_fall_on_the_last_day_of_shorter_months()
    {
        var monthly = Periodic(1, new LocalDate(2026, 1, 31));

        Assert.Equal(new LocalDate(2026, 2, 28), monthly.RoundDay(1));
        Assert.Equal(0, monthly.DueRound(new LocalDate(2026, 2, 27)));
        Assert.Equal(1, monthly.DueRound(new LocalDate(2026, 2, 28)));
        Assert.Equal(2, monthly.DueRound(new LocalDate(2026, 3, 31)));
    }
}
