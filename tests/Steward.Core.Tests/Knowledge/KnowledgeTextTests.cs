using Steward.Core.Knowledge;

namespace Steward.Core.Tests.Knowledge;

/// <summary>The words search indexes and looks for: the same text for both databases.</summary>
public sealed class KnowledgeTextTests
{
    [Theory]
    [InlineData("Café Wi-Fi", "cafe wi fi")]
    [InlineData("VPN 8.2.3 (update)", "vpn 8 2 3 update")]
    [InlineData("DNS_TIMEOUT; RFC-1035", "dns timeout rfc 1035")]
    [InlineData("steward@example.com", "steward example com")]
    [InlineData("Ｆｕｌｌ width ＡＢＣ", "full width abc")]
    [InlineData("Straße Ærø naïve", "straße ærø naive")]
    [InlineData("   ", "")]
    public void Text_is_indexed_as_lower_case_words_without_accents(string text, string indexed)
    {
        Assert.Equal(indexed, KnowledgeText.IndexOf(text));
    }

    [Fact]
    public void Parts_are_indexed_in_order_and_overlong_runs_are_left_out()
    {
        Assert.Equal("title tag body", KnowledgeText.IndexOf("Title", null, "tag", "", "body " + new string('x', 65)));
    }

    [Fact]
    public void A_query_has_at_most_eight_distinct_words()
    {
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], KnowledgeText.QueryWords("a b a c d e f g h i j"));
        Assert.Empty(KnowledgeText.QueryWords(" ++ -- "));
    }

    [Theory]
    [InlineData("printer queue stuck", "que", true)]
    [InlineData("printer queue stuck", "ueue", false)]
    [InlineData("printer queue stuck", "printer", true)]
    [InlineData("printer queue stuck", "stuckk", false)]
    public void A_word_matches_as_the_prefix_of_an_indexed_word(string indexed, string word, bool matches)
    {
        Assert.Equal(matches, KnowledgeText.HasWordStartingWith(indexed, word));
    }
}
