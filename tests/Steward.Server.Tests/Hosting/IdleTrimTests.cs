using Microsoft.Extensions.DependencyInjection;
using Steward.Server.Hosting;
using Steward.Server.Tests.Infrastructure;
using Xunit;

namespace Steward.Server.Tests.Hosting;

public sealed class IdleTrimTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Request = "/api/v1/organizations?limit=1";

    [Fact]
    public async Task Memory_is_released_once_the_server_goes_quiet_and_not_while_requests_come()
    {
        var trim = app.Services.GetRequiredService<IdleTrim>();
        // Whatever was allocated: this test is about when, not how much.
        trim.WorthTrimming = 0;

        // A request first, then a moment for a collection already under way (the fixture's start
        // may have been quiet for 2 s) to finish; from here on none may start while requests come.
        (await app.Admin.GetAsync(Request)).EnsureSuccessStatusCode();
        await Task.Delay(300);

        // Requests every 200 ms for 3.5 s: never 2 s of quiet, so no collection.
        var before = trim.Trims;
        for (var i = 0; i < 18; i++)
        {
            (await app.Admin.GetAsync(Request)).EnsureSuccessStatusCode();
            await Task.Delay(200);
        }
        Assert.Equal(before, trim.Trims);

        // Quiet for 2 s, checked each second. A load balancer's probes are not work: they keep coming.
        var deadline = DateTime.UtcNow.AddSeconds(6);
        while (trim.Trims == before && DateTime.UtcNow < deadline)
        {
            (await app.Admin.GetAsync("/health")).EnsureSuccessStatusCode();
            await Task.Delay(100);
        }
        Assert.True(trim.Trims > before, "No collection in 6 s of quiet (probes only).");
    }
}
