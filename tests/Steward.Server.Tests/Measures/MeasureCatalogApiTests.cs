using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Measures;

/// <summary><c>GET /api/v1/measures</c>: the catalogue, read by anyone signed in, with the query parameters each measure takes.</summary>
public sealed class MeasureCatalogApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task The_catalogue_lists_each_measure_with_its_unit_direction_scopes_and_audience()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var measures = (await provider.Manager.GetFromJsonAsync<JsonElement>("/api/v1/measures", StewardApp.Json)).EnumerateArray().ToList();

        Assert.Equal(15, measures.Count);
        var compliance = measures.Single(m => m.GetProperty("key").GetString() == "sla-compliance");
        Assert.Equal(("Percent", "HigherIsBetter", "Relationship"),
            (compliance.GetProperty("unit").GetString(), compliance.GetProperty("direction").GetString(), compliance.GetProperty("audience").GetString()));
        Assert.Equal(["serviceId", "customerId", "processKey", "partyId", "kind"],
            compliance.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        var turnaround = measures.Single(m => m.GetProperty("key").GetString() == "review-turnaround-median");
        Assert.Equal(["serviceId", "processKey"], turnaround.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        var margin = measures.Single(m => m.GetProperty("key").GetString() == "margin");
        Assert.Equal(("Currency", "Provider"), (margin.GetProperty("unit").GetString(), margin.GetProperty("audience").GetString()));
    }

    [Fact]
    public async Task Nobody_signed_out_reads_it()
    {
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/measures")).StatusCode);
    }
}
