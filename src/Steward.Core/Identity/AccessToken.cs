using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Identity;

/// <summary>
/// A personal access token for the API. Only its SHA-256 hash is stored: the secret is shown once
/// at creation. Tokens have 256 bits of entropy, so a fast hash is as safe as a slow one here.
/// </summary>
public sealed class AccessToken : IEntity, IVersioned, ITenantScoped
{
    public const string SecretPrefix = "stw_";

    public Guid Id { get; init; } = Ids.New();
    public Guid PersonId { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public required byte[] Hash { get; init; }
    /// <summary>The first characters of the secret, so that a person can tell their tokens apart.</summary>
    public required string Hint { get; init; }
    public Instant CreatedAt { get; init; }
    public Instant? ExpiresAt { get; init; }
    public Instant? RevokedAt { get; set; }
    public long Version { get; set; }

    public static readonly Duration DefaultLifetime = Duration.FromDays(90);
    public static readonly Duration MaxLifetime = Duration.FromDays(731);

    /// <summary>
    /// A new token for a person, and its secret, which exists only in this return value; or why
    /// not. The expiry defaults to 90 days and may be at most two years away.
    /// </summary>
    public static (AccessToken? Token, string? Secret, RuleViolation? Refused) Issue(
        Guid personId, Guid organizationId, string name, Instant now, Instant? expiresAt)
    {
        var expiry = expiresAt ?? now + DefaultLifetime;
        if (expiry <= now) return (null, null, new("The expiry must be in the future.", "expiresAt"));
        if (expiry > now + MaxLifetime) return (null, null, new("A token may live at most two years.", "expiresAt"));
        var secret = NewSecret();
        var token = new AccessToken
        {
            PersonId = personId,
            OrganizationId = organizationId,
            Name = name.Trim(),
            Hash = HashOf(secret),
            Hint = HintOf(secret),
            CreatedAt = now,
            ExpiresAt = expiry,
        };
        return (token, secret, null);
    }

    public bool IsValidAt(Instant now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string HintOf(string secret) => secret.Length <= 8 ? secret : secret[..8] + "…";

    public RuleViolation? Revoke(Instant now)
    {
        if (RevokedAt is not null) return new("The token is already revoked.");
        RevokedAt = now;
        return null;
    }
}
