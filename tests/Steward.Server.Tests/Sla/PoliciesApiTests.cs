using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sla;

/// <summary>SLA policies and the priority matrix through the API: refusals name their field, and another provider's are not found.</summary>
public sealed class PoliciesApiTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Url = "/api/v1/sla/policies";
    static readonly string[] Resolved = ["Resolved"];
    static readonly int[][] OneBadRow = [[0, 1, 2]];

    [Fact]
    public async Task A_policy_refuses_what_cannot_be_measured_naming_the_field()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        async Task<IReadOnlyList<string>> Refused(object body)
        {
            var response = await provider.Manager.PostJsonAsync(Url, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.ErrorFieldsAsync();
        }

        Assert.Contains("targets[0].resolution", await Refused(new { name = "A", targets = new[] { new { priority = 3, resolution = "P1M" } } }));
        Assert.Contains("targets[0].firstResponse", await Refused(new { name = "B", targets = new[] { new { priority = 3, firstResponse = "PT9H", resolution = "PT8H" } } }));
        Assert.Contains("targets[1].priority", await Refused(new { name = "C", targets = new[] { new { priority = 2, resolution = "PT8H" }, new { priority = 2, resolution = "PT4H" } } }));
        Assert.Contains("pauseStates", await Refused(new { name = "D", targets = new[] { new { priority = 3, resolution = "PT8H" } }, pauseStates = Resolved }));
        Assert.Contains("escalations[0].teamId", await Refused(new
        {
            name = "E", targets = new[] { new { priority = 3, resolution = "PT8H" } },
            escalations = new[] { new { when = "Breach", metric = "Resolution", action = "Reassign" } },
        }));
        Assert.Contains("calendarId", await Refused(new { name = "F", targets = new[] { new { priority = 3, resolution = "PT8H" } }, calendarId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task The_priority_matrix_sets_the_priority_of_new_records_and_stays_with_its_provider()
    {
        var world = await IncidentWorld.CreateAsync(app);
        var other = await ProviderBuilder.StartAsync(app);
        var url = $"/api/v1/priority-matrix/{world.Provider.Id}";
        var read = await world.Provider.Manager.GetAsync(url);
        Assert.True((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDefault").GetBoolean());

        // Medium impact and urgency are P2 at this provider.
        int[][] cells = [[1, 1, 2], [1, 2, 3], [2, 3, 4]];
        var changed = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { cells }, read.Headers.ETag!.Tag);
        var stale = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { cells }, read.Headers.ETag!.Tag);
        var bad = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { cells = OneBadRow }, "*");
        var foreign = await other.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { cells }, "*");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("cells", await bad.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Manager.GetAsync(url)).StatusCode);
        Assert.Equal(2, (await world.RaiseAsync()).GetProperty("priority").GetInt32());
    }
}
