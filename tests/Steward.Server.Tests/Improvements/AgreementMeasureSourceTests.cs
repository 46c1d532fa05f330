using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using Steward.Server.Tests.Reports;
using static Steward.Server.Tests.Improvements.ImprovementApi;

namespace Steward.Server.Tests.Improvements;

/// <summary>
/// An improvement raised in one click from an agreement's measure off its target, over the report
/// world's Monday (<see cref="ReportWorld"/>): Harbour Bank's e-mail SLA sets SLA compliance at 95 %,
/// a median first response within 1 h and a backlog of 1. On Monday its records met 4 of 5 judged
/// clocks (80 %), answered in 10 min, 30 min and 3 h (median 0.5 h) and left R0 and R3 open (2).
/// </summary>
public sealed class AgreementMeasureSourceTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Agreements = "/api/v1/sourcing/agreements";

    static async Task<(ReportWorld World, Guid Sla, string Reference)> WithSlaAsync(SlaApp app)
    {
        var w = await ReportWorld.CreateAsync(app);
        var reference = "SLA-HB-" + ProviderBuilder.Unique();
        var sla = await ProviderBuilder.CreatedAsync<JsonElement>(await w.World.Provider.Manager.PostJsonAsync(Agreements, new
        {
            providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
            serviceId = w.World.ServiceId, reference,
            measureTargets = new object[]
            {
                new { key = "sla-compliance", target = 95 }, new { key = "response-time-median", target = 1 }, new { key = "backlog", target = 1 },
            },
        }));
        return (w, Id(sla), reference);
    }

    static object Source(Guid agreementId, string key, string? from = "2026-11-30", string? to = "2026-11-30") =>
        new { source = new { type = "agreementMeasure", agreementId, key, from, to } };

    [Fact]
    public async Task A_missed_measure_raises_the_measure_in_the_agreements_scope_with_the_period_as_baseline_and_the_agreements_target()
    {
        var (w, sla, reference) = await WithSlaAsync(app);
        var manager = w.World.Provider.Manager;

        var response = await manager.PostJsonAsync(Register, Source(sla, "sla-compliance"));
        var raised = await response.ReadAsync<JsonElement>();
        var backlog = await RaiseAsync(manager, Source(sla, "backlog"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var baseline = raised.GetProperty("baseline");
        // 4 of the 5 clocks judged on Harbour Bank's e-mail records of Monday met: 80 %, against the agreement's 95 %.
        Assert.Equal(("sla-compliance", 80m, 5L, 95m), (raised.GetProperty("measureKey").GetString(), baseline.GetProperty("value").GetDecimal(),
            baseline.GetProperty("n").GetInt64(), raised.GetProperty("target").GetDecimal()));
        // Monday from midnight; the day is not over at 15:00, so its records so far.
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 0, 0), baseline.GetProperty("from").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal(ReportWorld.ReadAt, baseline.GetProperty("to").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal(ReportWorld.ReadAt, baseline.GetProperty("computedAt").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal([w.World.ServiceId], raised.GetProperty("scope").GetProperty("serviceIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal([w.World.CustomerId], raised.GetProperty("scope").GetProperty("customerIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal(("AgreementMeasure", sla), (raised.GetProperty("source").GetProperty("type").GetString(), raised.GetProperty("source").GetProperty("id").GetGuid()));
        Assert.Equal($"SLA compliance off {reference}'s target: 80 % against a target of 95 %", raised.GetProperty("title").GetString());
        Assert.Contains(reference, raised.GetProperty("problem").GetString());
        Assert.Contains("measured 80 % over 5 rows", raised.GetProperty("problem").GetString());
        Assert.Equal(new LocalDate(2027, 2, 28), raised.GetProperty("targetDate").Deserialize<LocalDate>(StewardApp.Json));
        Assert.Equal("Identified", raised.GetProperty("state").GetString());
        // R0 and R3 still open at 15:00: a backlog of 2 against the agreement's 1.
        Assert.Equal((2m, 1m), (backlog.GetProperty("baseline").GetProperty("value").GetDecimal(), backlog.GetProperty("target").GetDecimal()));
        var journal = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={Id(raised)}");
        Assert.Equal(1, journal.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task By_default_the_baseline_is_the_period_the_agreements_measures_endpoint_computes_over()
    {
        var (w, sla, _) = await WithSlaAsync(app);
        var manager = w.World.Provider.Manager;
        var measures = await manager.GetFromJsonAsync<JsonElement>($"{Agreements}/{sla}/measures", StewardApp.Json);
        var compliance = measures.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "sla-compliance");

        var raised = await RaiseAsync(manager, Source(sla, "sla-compliance", from: null, to: null));

        var baseline = raised.GetProperty("baseline");
        // The last 90 days add R0 (logged Wednesday, never answered nor resolved): both its clocks breached, 4 of 7 met.
        Assert.Equal(57.1m, baseline.GetProperty("value").GetDecimal());
        Assert.Equal((decimal)compliance.GetProperty("value").GetDouble(), baseline.GetProperty("value").GetDecimal());
        Assert.Equal(measures.GetProperty("from").Deserialize<Instant>(StewardApp.Json), baseline.GetProperty("from").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal(ReportWorld.ReadAt - Duration.FromDays(90), baseline.GetProperty("from").Deserialize<Instant>(StewardApp.Json));
    }

    [Fact]
    public async Task A_measure_that_meets_its_target_cannot_be_measured_or_is_already_being_improved_is_a_409_saying_why()
    {
        var (w, sla, _) = await WithSlaAsync(app);
        var manager = w.World.Provider.Manager;
        var contracts = await manager.GetFromJsonAsync<JsonElement>($"{Agreements}?type=UnderpinningContract");
        var uc = contracts.GetProperty("items").EnumerateArray().Single();
        var put = await manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Agreements}/{uc.GetProperty("id")}", new
        {
            providerId = w.World.Provider.Id, type = "UnderpinningContract", accountableId = w.World.Provider.Id, counterpartyId = w.World.SupplierId,
            reference = "UC-NET-01", measureTargets = new object[] { new { key = "backlog", target = 10 } },
        }, $"\"{uc.GetProperty("version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await RaiseAsync(manager, Source(sla, "sla-compliance"));

        var met = await manager.PostJsonAsync(Register, Source(sla, "response-time-median"));
        var nothing = await manager.PostJsonAsync(Register, Source(sla, "sla-compliance", from: "2026-11-20", to: "2026-11-20"));
        var noParty = await manager.PostJsonAsync(Register, Source(Id(uc), "backlog"));
        var again = await manager.PostJsonAsync(Register, Source(sla, "sla-compliance"));

        // First responses of 10 min, 30 min and 3 h: a median of 0.5 h, within the hour.
        Assert.Equal(HttpStatusCode.Conflict, met.StatusCode);
        Assert.Contains("meets its target", await met.Content.ReadAsStringAsync());
        Assert.Contains("0.5 hours against a target of 1 hours", await met.Content.ReadAsStringAsync());
        // No Harbour Bank record was opened on 20 November.
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Contains("cannot be measured", await nothing.Content.ReadAsStringAsync());
        // A backlog has no performing party: a supplier's contract cannot measure one.
        Assert.Equal(HttpStatusCode.Conflict, noParty.StatusCode);
        Assert.Contains("cannot be measured", await noParty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already raised", await again.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { """{"type":"agreementMeasure","key":"sla-compliance"}""", "source.agreementId" },
        { """{"type":"agreementMeasure","agreementId":"00000000-0000-0000-0000-000000000001","key":"sla-compliance"}""", "source.agreementId" },
        { """{"type":"agreementMeasure","agreementId":"{sla}"}""", "source.key" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"csat-mean"}""", "source.key" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"no-such-measure"}""", "source.key" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"sla-compliance","from":"30/11/2026"}""", "source.from" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"sla-compliance","from":"2026-12-01","to":"2026-11-01"}""", "source.to" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"sla-compliance","zone":"Mars/Olympus"}""", "source.zone" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"sla-compliance","serviceId":"{web}"}""", "source.serviceId" },
        { """{"type":"agreementMeasure","agreementId":"{sla}","key":"sla-compliance","customerId":"{quay}"}""", "source.customerId" },
        { """{"type":"agreementMeasure","agreementId":"not-a-guid","key":"sla-compliance"}""", "agreementId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_unknown_agreement_key_or_scope_is_a_400_naming_the_field(string source, string field)
    {
        var (w, sla, _) = await WithSlaAsync(app);

        var body = $$"""{"source":{{source.Replace("{sla}", sla.ToString(), StringComparison.Ordinal).Replace("{web}", w.WebServiceId.ToString(), StringComparison.Ordinal)
            .Replace("{quay}", w.OtherCustomerId.ToString(), StringComparison.Ordinal)}}}""";
        var response = await w.World.Provider.Manager.PostAsync(Register, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(await response.ErrorFieldsAsync(), f => f.Contains(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Only_the_providers_improvement_managers_raise_on_its_agreements()
    {
        var (w, sla, _) = await WithSlaAsync(app);
        var (_, customersManager) = await app.AddPersonAsync(w.World.CustomerId, Roles.ProviderManager);
        var (_, providersRequester) = await app.AddPersonAsync(w.World.Provider.Id, Roles.Requester);
        var other = await ProviderBuilder.StartAsync(app);

        var byCustomer = await customersManager.PostJsonAsync(Register, Source(sla, "sla-compliance"));
        var byRequester = await providersRequester.PostJsonAsync(Register, Source(sla, "sla-compliance"));
        var byCustomersRequester = await w.World.Requester.PostJsonAsync(Register, Source(sla, "sla-compliance"));
        var byOtherProvider = await other.Manager.PostJsonAsync(Register, Source(sla, "sla-compliance"));

        Assert.Equal(HttpStatusCode.BadRequest, byCustomer.StatusCode);
        Assert.Contains("source.agreementId", await byCustomer.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byRequester.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomersRequester.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, byOtherProvider.StatusCode);
        Assert.Contains("source.agreementId", await byOtherProvider.ErrorFieldsAsync());
        Assert.Empty(await ItemsAsync(w.World.Provider.Manager, $"providerId={w.World.Provider.Id}"));
    }
}
