using NodaTime;
using Steward.Core.Identity;

namespace Steward.Core.Tests.Identity;

public sealed class AccessTokenTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    static AccessToken Token(Instant? expiresAt) => new()
    {
        Name = "t", Hash = AccessToken.HashOf("s"), Hint = "s", CreatedAt = Now, ExpiresAt = expiresAt,
    };

    [Fact]
    public void Secrets_are_unique_prefixed_and_hash_to_32_bytes()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => AccessToken.NewSecret()).ToList();

        Assert.Equal(1000, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.StartsWith(AccessToken.SecretPrefix, s, StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.Equal(32, AccessToken.HashOf(s).Length));
        Assert.Equal(AccessToken.HashOf(secrets[0]), AccessToken.HashOf(secrets[0]));
    }

    [Fact]
    public void The_hint_never_reveals_more_than_the_first_eight_characters()
    {
        Assert.Equal("stw_abcd…", AccessToken.HintOf("stw_abcdefghijklmnop"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(60, true)]
    [InlineData(0, false)]
    [InlineData(-60, false)]
    public void A_token_is_valid_until_it_expires(int? secondsLeft, bool valid)
    {
        var token = Token(secondsLeft is null ? null : Now + Duration.FromSeconds(secondsLeft.Value));

        Assert.Equal(valid, token.IsValidAt(Now));
    }

    [Fact]
    public void A_revoked_token_is_invalid_and_cannot_be_revoked_twice()
    {
        var token = Token(null);

        Assert.Null(token.Revoke(Now));
        Assert.False(token.IsValidAt(Now));
        Assert.NotNull(token.Revoke(Now));
    }
}
