using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Steward.Server.Api;

/// <summary>One page of a list; <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// An opaque keyset cursor: the sort key and the id of the last row of a page. Keyset paging
/// costs the same on page 1 and page 2,000, unlike OFFSET.
/// </summary>
public readonly record struct Cursor(string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Id:N}{Key}"));

    public static bool TryDecode(string? text, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 2000) return false;
        try
        {
            var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            if (raw.Length < 32 || !Guid.TryParseExact(raw[..32], "N", out var id)) return false;
            // The key is compared with stored text in SQL; a NUL in it is no key this server issued.
            if (NulText.Contains(raw)) return false;
            cursor = new Cursor(raw[32..], id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>The common query parameters of every list endpoint.</summary>
public sealed class PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Rows per page, 1 to 200 (default 50).</summary>
    [Range(1, MaxLimit)]
    public int? Limit { get; init; }

    /// <summary>The <c>next</c> value of the previous page.</summary>
    [StringLength(2000)]
    public string? Cursor { get; init; }

    /// <summary>Sort field, prefixed with '-' for descending.</summary>
    [StringLength(40)]
    public string? Sort { get; init; }

    public int Take => Limit ?? DefaultLimit;
}
