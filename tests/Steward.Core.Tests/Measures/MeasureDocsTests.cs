using Steward.Core.Measures;

namespace Steward.Core.Tests.Measures;

/// <summary>The catalogue and its documentation say the same: every key is in docs/improvement.md's table with its unit.</summary>
public sealed class MeasureDocsTests
{
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository.");
    }

    [Fact]
    public void Every_measure_of_the_catalogue_is_documented_with_its_unit_and_direction()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "improvement.md"));
        foreach (var measure in MeasureCatalog.All)
        {
            var row = lines.SingleOrDefault(l => l.StartsWith($"| `{measure.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/improvement.md has no row for {measure.Key}.");
            var unit = measure.Unit switch
            {
                MeasureUnit.Percent => "%", MeasureUnit.Hours => "hours", MeasureUnit.Days => "days", MeasureUnit.Count => "count",
                MeasureUnit.Score => "score", _ => "money",
            };
            var better = measure.Direction is MeasureDirection.HigherIsBetter ? "higher" : "lower";
            Assert.Contains($"| {unit}", row);
            Assert.Contains(better, row);
        }
    }
}
