using Steward.Core.Measures;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

/// <summary>What the relationship review recommends for each kind of sourcing.</summary>
public sealed class ReviewGuidanceTests
{
    [Theory]
    [InlineData(SourcingKind.ServiceOutsourcing, "service-levels", "sla-compliance")]
    [InlineData(SourcingKind.ServiceOutsourcing, "satisfaction", "csat-mean")]
    [InlineData(SourcingKind.ProcessOutsourcing, "process-kpis", "first-contact-resolution")]
    [InlineData(SourcingKind.ProcessOutsourcing, "cost-per-transaction", "cost-per-record")]
    [InlineData(SourcingKind.KnowledgeOutsourcing, "engagement", "time-to-engage-median")]
    [InlineData(SourcingKind.KnowledgeOutsourcing, "knowledge-transfer", "article-reuse-rate")]
    public void Each_kind_is_measured_the_way_its_trade_measures_it(SourcingKind kind, string practice, string measure) =>
        Assert.Contains(measure, ReviewGuidance.For(kind).Single(p => p.Key == practice).MeasureKeys);

    [Fact]
    public void An_in_house_service_has_nothing_to_agree() =>
        Assert.Equal(["nothing-to-agree"], ReviewGuidance.For(SourcingKind.None).Select(p => p.Key));

    [Fact]
    public void Every_measure_named_is_in_the_catalogue_and_the_keys_are_unique()
    {
        foreach (var kind in Enum.GetValues<SourcingKind>())
        {
            var practices = ReviewGuidance.For(kind);
            Assert.Equal(practices.Count, practices.Select(p => p.Key).Distinct().Count());
            foreach (var key in practices.SelectMany(p => p.MeasureKeys)) Assert.NotNull(MeasureCatalog.Find(key));
        }
    }
}
