using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Steward.Server.Identity;

/// <summary>
/// Remembers resolved tokens and tenancy scopes for a short while, so that a request costs no
/// identity query. Changes on this server invalidate at once; other servers notice within
/// <c>Steward:IdentityCacheDuration</c>. Tokens and scopes are forgotten separately: taking on a
/// customer changes who sees what, but leaves every token as valid as it was.
/// </summary>
public sealed class IdentityCache(IMemoryCache cache, Hosting.StewardOptions options) : IDisposable
{
    public enum Kind { Token, Scope }

    readonly CancellationTokenSource[] generations = [new(), new()];

    public async Task<T?> GetOrAddAsync<T>(Kind kind, string key, Func<Task<T?>> load, Func<T, DateTimeOffset?>? expiresAt = null) where T : class
    {
        var cacheKey = (kind, key);
        if (cache.TryGetValue(cacheKey, out T? hit)) return hit;
        // Taken before loading: an invalidation while we read makes this entry stillborn.
        var token = new CancellationChangeToken(generations[(int)kind].Token);
        var value = await load();
        if (value is null) return null;
        var expiry = DateTimeOffset.UtcNow + options.IdentityCacheDuration;
        if (expiresAt?.Invoke(value) is { } hard && hard < expiry) expiry = hard;
        using var entry = cache.CreateEntry(cacheKey);
        entry.Value = value;
        entry.AbsoluteExpiration = expiry;
        entry.ExpirationTokens.Add(token);
        return value;
    }

    /// <summary>Forget every scope: after a change of roles, relationships or a person's archiving.</summary>
    public void InvalidateScopes() => Invalidate(Kind.Scope);

    /// <summary>Forget every token: after a revocation.</summary>
    public void InvalidateTokens() => Invalidate(Kind.Token);

    void Invalidate(Kind kind)
    {
        var old = Interlocked.Exchange(ref generations[(int)kind], new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void Dispose()
    {
        foreach (var generation in generations) generation.Dispose();
    }
}
