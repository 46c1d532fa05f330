using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>
/// The If-Match precondition of an update or delete, as RFC 9110 (13.1.1) has it. Binding fails
/// with 428 when the header is missing: the client must say which version it read. Otherwise the
/// change goes ahead only when the header is "*" (any current version) or lists the current ETag as
/// a strong tag; anything else is 412 (<see cref="Problems.PreconditionFailed"/>): a stale or foreign
/// tag, a weak one (W/"3": If-Match compares strongly, and this server issues only strong tags), or
/// text that is no list of entity tags at all.
/// </summary>
public readonly struct IfMatch
{
    readonly bool any;
    readonly string[]? strongTags;

    IfMatch(bool any, string[] strongTags)
    {
        this.any = any;
        this.strongTags = strongTags;
    }

    /// <summary>Strong comparison: the listed tag is the current ETag character for character ("03" is not "3").</summary>
    public bool Matches(long current) => any || (strongTags is { } listed && listed.Contains(ETags.Of(current), StringComparer.Ordinal));

    public static ValueTask<IfMatch> BindAsync(HttpContext http) => ValueTask.FromResult(Of(http.Request.Headers.IfMatch));

    public static IfMatch Of(StringValues header)
    {
        if (string.IsNullOrWhiteSpace(header.ToString())) throw new PreconditionRequiredException();
        // Not a list of entity tags: it names no version, so it matches none.
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags)) return new(false, []);
        if (tags is [{ Tag.Value: "*", IsWeak: false }]) return new(true, []);
        return new(false, [.. tags.Where(t => !t.IsWeak).Select(t => t.Tag.Value ?? "")]);
    }
}

public static class ETags
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpContext http, IVersioned entity) => http.Response.Headers.ETag = Of(entity.Version);

    /// <summary>
    /// Compares the client's version with the loaded one and makes the UPDATE itself conditional
    /// on it, so a concurrent writer between our read and our write is caught too (412).
    /// </summary>
    public static bool TryExpect<T>(this DbContext db, T entity, IfMatch ifMatch) where T : class, IVersioned
    {
        if (!ifMatch.Matches(entity.Version)) return false;
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = entity.Version;
        return true;
    }
}
