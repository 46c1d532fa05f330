using Steward.Core.Knowledge;

namespace Steward.Core.Tests.Knowledge;

/// <summary>The line diff two versions are compared with.</summary>
public sealed class TextDiffTests
{
    static string Script(string a, string b) =>
        string.Join(" ", TextDiff.Lines(a, b).Select(l => (l.Operation switch { DiffOperation.Added => "+", DiffOperation.Removed => "-", _ => "=" }) + l.Text));

    [Theory]
    [InlineData("a\nb\nc", "a\nb\nc", "=a =b =c")]
    [InlineData("a\nb\nc", "a\nx\nc", "=a -b +x =c")]
    [InlineData("a\nc", "a\nb\nc", "=a +b =c")]
    [InlineData("a\nb\nc", "b\nc", "-a =b =c")]
    [InlineData("", "a\nb", "+a +b")]
    [InlineData("a\nb", "", "-a -b")]
    [InlineData("a\r\nb\r\n", "a\nb", "=a =b")]
    [InlineData("x\na\nb\nc\ny", "z\na\nc\nb\ny", "-x +z =a -b =c +b =y")]
    public void The_diff_is_the_shortest_edit_script_of_lines(string a, string b, string script)
    {
        Assert.Equal(script, Script(a, b));
    }

    [Fact]
    public void Lines_carry_their_numbers_in_the_old_and_the_new_text()
    {
        var lines = TextDiff.Lines("a\nb\nc", "a\nx\nc");

        Assert.Equal([(1, 1), (2, null), (null, 2), (3, 3)], lines.Select(l => (l.OldLine, l.NewLine)));
    }

    [Fact]
    public void Applying_the_script_to_the_old_text_gives_the_new_one()
    {
        var random = new Random(19);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToList();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToList();

            var lines = TextDiff.Lines(string.Join('\n', a), string.Join('\n', b));

            Assert.Equal(a, lines.Where(l => l.Operation is not DiffOperation.Added).Select(l => l.Text));
            Assert.Equal(b, lines.Where(l => l.Operation is not DiffOperation.Removed).Select(l => l.Text));
            Assert.True(lines.Count(l => l.Operation is DiffOperation.Same) >= LongestCommon(a, b));
        }
    }

    [Fact]
    public void Two_long_texts_with_nothing_in_common_are_shown_as_replaced()
    {
        var a = string.Join('\n', Enumerable.Range(0, 3000).Select(i => "old " + i));
        var b = string.Join('\n', Enumerable.Range(0, 3000).Select(i => "new " + i));

        var lines = TextDiff.Lines(a, b);

        Assert.Equal(3000, lines.Count(l => l.Operation is DiffOperation.Removed));
        Assert.Equal(3000, lines.Count(l => l.Operation is DiffOperation.Added));
    }

    static int LongestCommon(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
            for (var j = 1; j <= b.Count; j++)
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
        return table[a.Count, b.Count];
    }
}
