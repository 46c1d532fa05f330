using Steward.Server.Records;

namespace Steward.Server.Tests.Records;

/// <summary>What record text may and may not turn into when shown as HTML.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("[click](javascript:alert(1))", "href=\"#\"")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "href=\"#\"")]
    [InlineData("[click](java\tscript:alert(1))", "<p>[click](java\tscript:alert(1))</p>")]
    [InlineData("[click](javascript&#58;alert(1))", "href=\"#\"")]
    [InlineData("[click](  vbscript:msgbox(1))", "href=\"#\"")]
    [InlineData("![pixel](data:image/svg+xml;base64,PHN2Zz4=)", "src=\"#\"")]
    [InlineData("<javascript:alert(1)>", "<a href=\"#\">")]
    public void Hostile_text_never_becomes_live_markup(string markdown, string expected)
    {
        var html = MarkdownText.ToHtml(markdown);

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_renders_with_safe_links()
    {
        var html = MarkdownText.ToHtml("**Mail** is down since *09:00*, see [the status page](https://status.example/mail) or https://wiki.example/mail.\n\n- [x] rebooted");

        Assert.Contains("<strong>Mail</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>09:00</em>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://status.example/mail\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://wiki.example/mail\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Equal("", MarkdownText.ToHtml("  "));
    }
}
