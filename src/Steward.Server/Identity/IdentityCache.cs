using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Steward.Server.Identity;

/// <summary>
/// Remembers resolved tokens and tenancy scopes for a short while, so that a request costs no
/// identity query. Changes to roles, relationships or tokens on this server invalidate it at once;
/// other servers notice within <c>Steward:IdentityCacheDuration</c>.
/// </summary>
public sealed class IdentityCache(IMemoryCache cache, Hosting.StewardOptions options) : IDisposable
{
    CancellationTokenSource generation = new();

    public async Task<T?> GetOrAddAsync<T>(string key, Func<Task<T?>> load, Func<T, DateTimeOffset?>? expiresAt = null) where T : class
    {
        if (cache.TryGetValue(key, out T? hit)) return hit;
        var token = new CancellationChangeToken(generation.Token);
        var value = await load();
        if (value is null) return null;
        var expiry = DateTimeOffset.UtcNow + options.IdentityCacheDuration;
        if (expiresAt?.Invoke(value) is { } hard && hard < expiry) expiry = hard;
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpiration = expiry;
        entry.ExpirationTokens.Add(token);
        return value;
    }

    /// <summary>Forget everything: called after any change that can alter who sees or may do what.</summary>
    public void Invalidate()
    {
        var old = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void Dispose() => generation.Dispose();
}
