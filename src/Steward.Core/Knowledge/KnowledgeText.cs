using System.Globalization;
using System.Text;

namespace Steward.Core.Knowledge;

/// <summary>
/// The words that article search indexes and looks for, made here rather than by either database's
/// tokenizer so that a search means the same on SQLite and PostgreSQL: runs of letters and digits,
/// compatibility-normalised, lower-cased, accents removed ("Café" is "cafe"), one space apart.
/// SQLite's unicode61 tokenizer and PostgreSQL's parser then split this text only at the spaces.
/// </summary>
public static class KnowledgeText
{
    /// <summary>Longer runs (hashes, base64) are nobody's search word; both indexes leave them out alike.</summary>
    public const int LongestWord = 64;

    /// <summary>Words a search looks for at most; more narrow nothing a person types.</summary>
    public const int MostQueryWords = 8;

    /// <summary>The indexed form of an article's text: every word of every part, in order.</summary>
    public static string IndexOf(params IEnumerable<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
            if (!string.IsNullOrEmpty(part))
                foreach (var word in Split(part))
                {
                    if (text.Length > 0) text.Append(' ');
                    text.Append(word);
                }
        return text.ToString();
    }

    /// <summary>The distinct words of a query, at most <see cref="MostQueryWords"/>: each is matched as a prefix.</summary>
    public static IReadOnlyList<string> QueryWords(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : Split(query).Distinct(StringComparer.Ordinal).Take(MostQueryWords).ToList();

    /// <summary>Whether some word of <paramref name="indexed"/> (an <see cref="IndexOf"/> text) starts with <paramref name="word"/>.</summary>
    public static bool HasWordStartingWith(string indexed, string word)
    {
        var at = 0;
        while ((at = indexed.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
        {
            if (at == 0 || indexed[at - 1] == ' ') return true;
            at++;
        }
        return false;
    }

    static IEnumerable<string> Split(string text)
    {
        var current = new StringBuilder();
        // Decomposed, so that an accent is a mark of its own and can be dropped.
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (Flush(current) is { } word) yield return word;
        }
        if (Flush(current) is { } last) yield return last;
    }

    static string? Flush(StringBuilder current)
    {
        var word = current.Length is > 0 and <= LongestWord ? current.ToString().Normalize(NormalizationForm.FormC) : null;
        current.Clear();
        return word;
    }
}
