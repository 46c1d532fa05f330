using NodaTime;
using Steward.Server.Sla;

namespace Steward.Server.Tests.Sla;

/// <summary>ISO 8601 business durations as the SLA API reads them: at most P36500D, and never an overflow.</summary>
public sealed class BusinessTimeTests
{
    [Theory]
    [InlineData("PT8H", 8 * 3600)]
    [InlineData("P2D", 2 * 86400)]
    [InlineData("P1W", 7 * 86400)]
    [InlineData("P1DT-1H", 23 * 3600)]
    [InlineData("P36500D", 36500L * 86400)]
    [InlineData("PT0S", 0)]
    public void A_duration_within_range_is_read_exactly(string text, long seconds)
    {
        var problem = BusinessTime.TryParse(text, out var duration);

        Assert.Null(problem);
        Assert.Equal(Duration.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("P36500DT1S", "at most P36500D")]
    [InlineData("PT99999999999999H", "at most P36500D")]
    [InlineData("P2147483647W", "at most P36500D")]
    [InlineData("PT9223372036854775807S", "at most P36500D")]
    [InlineData("PT-9223372036854775808S", "negative")]
    [InlineData("P-2147483648D", "negative")]
    [InlineData("PT-1H", "negative")]
    [InlineData("P1Y", "Years and months")]
    [InlineData("8 hours", "not an ISO 8601 duration")]
    public void A_duration_out_of_range_or_malformed_is_refused_with_a_reason(string text, string reason)
    {
        var problem = BusinessTime.TryParse(text, out _);

        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
