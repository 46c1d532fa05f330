using Steward.Core.Measures;

namespace Steward.Core.Tests.Measures;

/// <summary>The catalogue's keys (a contract), their directions, and which scopes each measure can be narrowed to.</summary>
public sealed class MeasureCatalogTests
{
    /// <summary>The keys issue 20 names; clients, agreements and improvements store them.</summary>
    static readonly string[] NamedKeys =
    [
        "sla-compliance", "response-time-median", "resolution-time-median", "first-contact-resolution", "reopen-rate", "backlog",
        "backlog-age-median", "csat-mean", "csat-response-rate", "article-reuse-rate", "review-turnaround-median",
        "time-to-engage-median", "effort-hours", "cost-per-record", "margin",
    ];

    [Fact]
    public void Every_named_key_is_in_the_catalogue_once_with_a_name_a_definition_and_a_cohort()
    {
        Assert.Equal(MeasureCatalog.All.Count, MeasureCatalog.All.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count());
        foreach (var key in NamedKeys)
        {
            var measure = MeasureCatalog.Find(key);
            Assert.NotNull(measure);
            Assert.False(string.IsNullOrWhiteSpace(measure.Name));
            Assert.EndsWith(".", measure.Definition, StringComparison.Ordinal);
            Assert.EndsWith(".", measure.Cohort, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SLA-compliance")]
    [InlineData("sla compliance")]
    [InlineData("")]
    [InlineData(null)]
    public void Keys_are_found_exactly_as_stored(string? key) => Assert.Null(MeasureCatalog.Find(key));

    [Theory]
    [InlineData("sla-compliance", 95, 95, true)]
    [InlineData("sla-compliance", 94.9, 95, false)]
    [InlineData("resolution-time-median", 8, 8, true)]
    [InlineData("resolution-time-median", 8.5, 8, false)]
    [InlineData("margin", -1, 0, false)]
    public void A_value_meets_its_target_in_the_measure_s_direction(string key, double value, double target, bool meets) =>
        Assert.Equal(meets, MeasureCatalog.Find(key)!.Meets((decimal)value, (decimal)target));

    [Theory]
    [InlineData("sla-compliance", 90, 95, true)]
    [InlineData("sla-compliance", 90, 85, false)]
    [InlineData("sla-compliance", 90, 90, false)]
    [InlineData("backlog", 120, 80, true)]
    [InlineData("backlog", 120, 150, false)]
    public void A_target_improves_on_its_baseline_only_in_the_measure_s_direction(string key, double baseline, double target, bool improves) =>
        Assert.Equal(improves, MeasureCatalog.Find(key)!.Improves((decimal)baseline, (decimal)target));

    [Fact]
    public void Record_measures_take_every_scope()
    {
        var all = MeasureScopes.Service | MeasureScopes.Customer | MeasureScopes.Process | MeasureScopes.Party | MeasureScopes.Kind;
        Assert.Null(MeasureCatalog.CheckScopes(MeasureCatalog.Find("sla-compliance")!, all));
        Assert.Null(MeasureCatalog.CheckScopes(MeasureCatalog.Find("effort-hours")!, MeasureScopes.None));
    }

    [Theory]
    [InlineData("review-turnaround-median", MeasureScopes.Customer, "customerId")]
    [InlineData("review-turnaround-median", MeasureScopes.Service | MeasureScopes.Party, "partyId")]
    [InlineData("margin", MeasureScopes.Process, "processKey")]
    [InlineData("cost-per-record", MeasureScopes.Kind | MeasureScopes.Party, "partyId")]
    public void A_scope_the_measure_cannot_take_is_refused_naming_its_field(string key, MeasureScopes asked, string field)
    {
        var refused = MeasureCatalog.CheckScopes(MeasureCatalog.Find(key)!, asked);

        Assert.NotNull(refused);
        Assert.Equal(field, refused.Field);
        Assert.Contains(key, refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_and_satisfaction_are_the_provider_s_to_read_service_results_the_relationship_s()
    {
        Assert.Equal(MeasureAudience.Provider, MeasureCatalog.Find("margin")!.Audience);
        Assert.Equal(MeasureAudience.Provider, MeasureCatalog.Find("cost-per-record")!.Audience);
        Assert.Equal(MeasureAudience.Provider, MeasureCatalog.Find("csat-mean")!.Audience);
        Assert.Equal(MeasureAudience.Relationship, MeasureCatalog.Find("sla-compliance")!.Audience);
    }
}
