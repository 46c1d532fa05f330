using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using Steward.Server.Tests.Reports;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// Agreements set values for measures of the catalogue (<c>measureTargets</c>), and
/// <c>GET /api/v1/sourcing/agreements/{id}/measures</c> computes each for the agreement's scope
/// from the report world's Monday and says whether it is met.
/// </summary>
public sealed class AgreementMeasureTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Agreements = "/api/v1/sourcing/agreements";
    const string Monday = "from=2026-11-30&to=2026-11-30";

    static async Task<JsonElement> SlaAsync(ReportWorld w, object[] measureTargets) =>
        await ProviderBuilder.CreatedAsync<JsonElement>(await w.World.Provider.Manager.PostJsonAsync(Agreements, new
        {
            providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
            serviceId = w.World.ServiceId, reference = "SLA-HB-" + ProviderBuilder.Unique(), measureTargets,
        }));

    static JsonElement Row(JsonElement view, string key) => view.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    [Fact]
    public async Task An_slas_targets_are_computed_over_the_customers_records_of_the_service()
    {
        var w = await ReportWorld.CreateAsync(app);
        var sla = await SlaAsync(w, [new { key = "response-time-median", target = 1 }, new { key = "backlog", target = 1 }, new { key = "sla-compliance", target = 95 }]);

        var view = await w.World.Provider.Manager.GetFromJsonAsync<JsonElement>($"{Agreements}/{sla.GetProperty("id")}/measures?{Monday}");

        Assert.Equal(w.World.CustomerId, view.GetProperty("scope").GetProperty("customerId").GetGuid());
        // Harbour Bank's e-mail records: responses 30 min, 3 h and 10 min (median 0.5 h, within 1 h); R0 and R3 open (2, over 1);
        // clocks met: R1 both, R2 resolution, R3 response — 4 of 5 judged (80 %, under 95 %).
        Assert.Equal((0.5, true), (Row(view, "response-time-median").GetProperty("value").GetDouble(), Row(view, "response-time-median").GetProperty("meets").GetBoolean()));
        Assert.Equal((2.0, false), (Row(view, "backlog").GetProperty("value").GetDouble(), Row(view, "backlog").GetProperty("meets").GetBoolean()));
        Assert.Equal((80.0, false), (Row(view, "sla-compliance").GetProperty("value").GetDouble(), Row(view, "sla-compliance").GetProperty("meets").GetBoolean()));
    }

    [Fact]
    public async Task A_suppliers_contract_is_measured_by_its_own_clocks_and_a_measure_without_a_party_says_why()
    {
        var w = await ReportWorld.CreateAsync(app);
        var contracts = await w.World.Provider.Manager.GetFromJsonAsync<JsonElement>($"{Agreements}?type=UnderpinningContract");
        var uc = contracts.GetProperty("items").EnumerateArray().Single();
        var body = new
        {
            providerId = w.World.Provider.Id, type = "UnderpinningContract", accountableId = w.World.Provider.Id, counterpartyId = w.World.SupplierId,
            reference = "UC-NET-01", targets = new[] { new { priority = 3, within = "PT4H" }, new { priority = 2, within = "PT2H" } },
            measureTargets = new object[] { new { key = "sla-compliance", target = 90 }, new { key = "backlog", target = 10 } },
        };
        var put = await w.World.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Agreements}/{uc.GetProperty("id")}", body, $"\"{uc.GetProperty("version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var view = await w.World.Provider.Manager.GetFromJsonAsync<JsonElement>($"{Agreements}/{uc.GetProperty("id")}/measures?{Monday}");

        // The network team, a team of the supplier, breached its four hours on R3.
        Assert.Equal((0.0, false), (Row(view, "sla-compliance").GetProperty("value").GetDouble(), Row(view, "sla-compliance").GetProperty("meets").GetBoolean()));
        Assert.Contains("partyId", Row(view, "backlog").GetProperty("notMeasured").GetString());
    }

    [Fact]
    public async Task A_replacement_without_measure_targets_keeps_them_and_bad_targets_are_refused_by_field()
    {
        var w = await ReportWorld.CreateAsync(app);
        var sla = await SlaAsync(w, [new { key = "csat-mean", target = 4.2 }]);
        var put = await w.World.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Agreements}/{sla.GetProperty("id")}", new
        {
            providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
            serviceId = w.World.ServiceId, reference = sla.GetProperty("reference").GetString(), note = "Renewed",
        }, $"\"{sla.GetProperty("version").GetInt64()}\"");
        var kept = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("csat-mean", kept.GetProperty("measureTargets")[0].GetProperty("key").GetString());

        foreach (var (target, field) in new (object, string)[]
        {
            (new { key = "no-such-measure", target = 1 }, "measureTargets[0].key"),
            (new { key = "sla-compliance", target = 120 }, "measureTargets[0].target"),
            (new { key = "csat-mean", target = 6 }, "measureTargets[0].target"),
            (new { key = "backlog", target = -1 }, "measureTargets[0].target"),
        })
        {
            var response = await w.World.Provider.Manager.PostJsonAsync(Agreements, new
            {
                providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
                reference = "SLA-BAD-" + ProviderBuilder.Unique(), measureTargets = new[] { target },
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        }
    }
}
