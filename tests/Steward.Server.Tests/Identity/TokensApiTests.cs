using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Identity;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Identity;

public sealed class TokensApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_created_token_works_once_shown_and_stops_working_when_revoked()
    {
        var created = await app.Admin.PostJsonAsync("/api/v1/me/tokens", new { name = "ci pipeline" });
        var token = await created.ReadAsync<CreatedTokenView>();
        using var client = app.ClientWith(token.Token);

        var before = await client.GetAsync("/api/v1/me");
        var listed = await app.Admin.GetStringAsync("/api/v1/me/tokens");
        var etag = (await app.Admin.GetAsync($"/api/v1/me/tokens/{token.Id}")).Headers.ETag!.Tag;
        var revoke = await app.Admin.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{token.Id}", null, etag);
        var after = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(AccessToken.SecretPrefix, token.Token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain(token.Token, listed, StringComparison.Ordinal);
        Assert.Contains(token.Hint, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var org = await app.AdminOrganizationIdAsync();
        var (person, _) = await app.AddPersonAsync(org, Roles.Agent);
        var (token, secret, _) = AccessToken.Issue(person.Id, org, "short", SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(2), null);
        await app.AsSystemAsync(async (db, _) =>
        {
            db.AccessTokens.Add(new AccessToken
            {
                PersonId = token!.PersonId, OrganizationId = token.OrganizationId, Name = token.Name, Hash = token.Hash,
                Hint = token.Hint, CreatedAt = token.CreatedAt, ExpiresAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1),
            });
            return await db.SaveChangesAsync();
        });
        using var client = app.ClientWith(secret);

        var response = await client.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(800)]
    public async Task An_expiry_in_the_past_or_beyond_two_years_is_a_400_naming_expiresAt(int days)
    {
        var expiresAt = SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(days);

        var response = await app.Admin.PostJsonAsync("/api/v1/me/tokens", new { name = "bad", expiresAt });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("expiresAt", out _));
    }

    [Fact]
    public async Task A_read_only_auditor_manages_their_own_tokens_and_the_journal_names_them()
    {
        var org = await app.AdminOrganizationIdAsync();
        var (auditor, client) = await app.AddPersonAsync(org, Roles.Auditor);

        var created = await client.PostJsonAsync("/api/v1/me/tokens", new { name = "audit reader" });
        var token = await created.ReadAsync<CreatedTokenView>();
        var journal = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={token.Id}");
        var elsewhere = await client.PostJsonAsync("/api/v1/skills", new { name = "Auditor skill" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(auditor.Id, journal.GetProperty("items")[0].GetProperty("actorPersonId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }
}
