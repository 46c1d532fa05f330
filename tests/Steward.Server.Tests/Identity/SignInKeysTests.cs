using System.Net;
using Microsoft.EntityFrameworkCore;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Identity;

public sealed class SignInKeysTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task The_cookie_key_ring_lives_in_the_database_so_every_server_shares_it()
    {
        using var browser = app.ClientWith(null);

        var page = await browser.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var keys = await app.AsSystemAsync((db, _) => db.DataProtectionKeys.CountAsync());
        Assert.True(keys > 0);
        var journaled = await app.AsSystemAsync((db, _) => db.AuditEntries.CountAsync(a => a.EntityType == "DataProtectionKey"));
        Assert.Equal(0, journaled);
    }
}
