using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>
/// The If-Match precondition of an update or delete. Binding fails with 428 when the header is
/// missing and 400 when it is not an ETag this server issued; "*" matches any version.
/// </summary>
public readonly record struct IfMatch(long? Version)
{
    public bool Matches(long current) => Version is null || Version == current;

    public static ValueTask<IfMatch> BindAsync(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) throw new PreconditionRequiredException();
        if (header == "*") return ValueTask.FromResult(new IfMatch(null));
        if (ETags.Parse(header) is { } version) return ValueTask.FromResult(new IfMatch(version));
        throw new BadHttpRequestException($"If-Match '{Truncate(header)}' is not an ETag of this server; send the ETag header of a GET unchanged.", StatusCodes.Status400BadRequest);
    }

    static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

public static class ETags
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static long? Parse(string tag)
    {
        var span = tag.AsSpan().Trim();
        if (span.StartsWith("W/")) span = span[2..];
        if (span.Length < 3 || span[0] != '"' || span[^1] != '"') return null;
        return long.TryParse(span[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

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
