using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Reports;
using Steward.Server.Tests.Satisfaction;
using static Steward.Server.Tests.Improvements.ImprovementApi;

namespace Steward.Server.Tests.Improvements;

/// <summary>
/// Improvements raised in one click: from a low rating's follow-up (the customer's satisfaction with
/// the service over the last 90 days) and from a row of the SLA compliance report with breaches.
/// </summary>
public sealed class ImprovementSourcesTests(SlaApp app) : IClassFixture<SlaApp>
{
    [Fact]
    public async Task A_low_ratings_follow_up_raises_the_customers_satisfaction_with_the_service_once()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var low = SatisfactionWorld.Id(await w.ResolvedAsync("Mail lost", investigated: false));
        var good = SatisfactionWorld.Id(await w.ResolvedAsync("Calendar fixed", investigated: false));
        await w.AnswerRecordAsync(low, 1, comment: "Three days without mail.");
        await w.AnswerRecordAsync(good, 4);
        var followUp = (await w.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?recordId={low}", StewardApp.Json))
            .GetProperty("items").EnumerateArray().Single();
        app.Clock.Advance(Duration.FromHours(1));

        var raised = await RaiseAsync(w.Manager, new { source = new { type = "satisfactionFollowUp", followUpId = Id(followUp) } });
        var again = await w.Manager.PostJsonAsync(Register, new { source = new { type = "satisfactionFollowUp", followUpId = Id(followUp) } });
        var unknown = await w.Manager.PostJsonAsync(Register, new { source = new { type = "satisfactionFollowUp", followUpId = Guid.NewGuid() } });
        var shown = (await w.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?recordId={low}", StewardApp.Json))
            .GetProperty("items").EnumerateArray().Single();

        // Ratings 1 and 4 over the last 90 days: a mean of 2.5, and a target halfway to 5.
        Assert.Equal(("csat-mean", 2.5m, 2L), (raised.GetProperty("measureKey").GetString(), raised.GetProperty("baseline").GetProperty("value").GetDecimal(),
            raised.GetProperty("baseline").GetProperty("n").GetInt64()));
        Assert.Equal(3.75m, raised.GetProperty("target").GetDecimal());
        Assert.Equal(new LocalDate(2027, 2, 28), raised.GetProperty("targetDate").Deserialize<LocalDate>(StewardApp.Json));
        Assert.Equal([w.World.ServiceId], raised.GetProperty("scope").GetProperty("serviceIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal([w.World.CustomerId], raised.GetProperty("scope").GetProperty("customerIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal(("SatisfactionFollowUp", Id(followUp)), (raised.GetProperty("source").GetProperty("type").GetString(), raised.GetProperty("source").GetProperty("id").GetGuid()));
        Assert.StartsWith("Satisfaction of Harbour Bank", raised.GetProperty("title").GetString());
        Assert.Contains("Three days without mail.", raised.GetProperty("problem").GetString());
        Assert.Equal(Id(raised), shown.GetProperty("improvementId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("source.followUpId", await unknown.ErrorFieldsAsync());
    }

    [Fact]
    public async Task What_the_body_names_overrides_what_the_follow_up_fills_in()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var low = SatisfactionWorld.Id(await w.ResolvedAsync("Mail lost", investigated: false));
        await w.AnswerRecordAsync(low, 2);
        var followUp = (await w.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?recordId={low}", StewardApp.Json))
            .GetProperty("items").EnumerateArray().Single();
        app.Clock.Advance(Duration.FromHours(1));

        var raised = await RaiseAsync(w.Manager, new
        {
            title = "Win Harbour Bank back", target = 4.5, targetDate = "2027-01-31",
            source = new { type = "satisfactionFollowUp", followUpId = Id(followUp) },
        });

        Assert.Equal(("Win Harbour Bank back", 4.5m, 2m), (raised.GetProperty("title").GetString()!, raised.GetProperty("target").GetDecimal(),
            raised.GetProperty("baseline").GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task A_compliance_report_row_with_breaches_raises_sla_compliance_in_its_scope_over_the_reports_period()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var row = await manager.GetFromJsonAsync<JsonElement>($"{ReportWorld.Reports}/sla-compliance?by=service&{ReportWorld.Monday}", StewardApp.Json);
        var web = row.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == w.WebServiceId.ToString());
        Assert.Equal(2, web.GetProperty("firstResponse").GetProperty("breached").GetInt32() + web.GetProperty("resolution").GetProperty("breached").GetInt32());

        var raised = await RaiseAsync(manager, new { source = new { type = "complianceReport", by = "service", key = w.WebServiceId.ToString(), from = "2026-11-30", to = "2026-11-30" } });
        var byParty = await RaiseAsync(manager, new { source = new { type = "complianceReport", by = "party", key = w.World.Network.Id.ToString(), from = "2026-11-30", to = "2026-11-30" } });

        // R4 breached both its clocks: 0 of 2 met, and a target halfway to 100 %.
        Assert.Equal(("sla-compliance", 0m, 2L, 50m), (raised.GetProperty("measureKey").GetString(), raised.GetProperty("baseline").GetProperty("value").GetDecimal(),
            raised.GetProperty("baseline").GetProperty("n").GetInt64(), raised.GetProperty("target").GetDecimal()));
        Assert.Equal([w.WebServiceId], raised.GetProperty("scope").GetProperty("serviceIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 0, 0), raised.GetProperty("baseline").GetProperty("from").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal(ReportWorld.ReadAt, raised.GetProperty("baseline").GetProperty("to").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal("ComplianceReport", raised.GetProperty("source").GetProperty("type").GetString());
        Assert.Contains("2 of 2 clocks", raised.GetProperty("problem").GetString());
        // The network team's underpinning contract clock on R3 breached at 13:10.
        Assert.Equal((w.World.Network.Id, 0m), (byParty.GetProperty("scope").GetProperty("partyId").GetGuid(), byParty.GetProperty("baseline").GetProperty("value").GetDecimal()));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        // No record was opened on 20 November: no breach to improve on.
        { """{"type":"complianceReport","by":"service","key":"{web}","from":"2026-11-20","to":"2026-11-20"}""", "source" },
        { """{"type":"complianceReport","by":"priority","key":"2","from":"2026-11-30","to":"2026-11-30"}""", "source.by" },
        { """{"type":"complianceReport","by":"weather","key":"{web}"}""", "source.by" },
        { """{"type":"complianceReport","by":"service","key":"not-an-id"}""", "source.key" },
        { """{"type":"complianceReport","by":"service","key":"00000000-0000-0000-0000-000000000001"}""", "source.key" },
        { """{"type":"complianceReport","by":"service","key":"{web}","from":"2026-12-01","to":"2026-11-01"}""", "source.to" },
        { """{"type":"complianceReport","by":"service","key":"{web}","zone":"Mars/Olympus"}""", "source.zone" },
        { """{"type":"agreementMeasure"}""", "source.agreementId" },
        { """{"type":"satisfactionFollowUp"}""", "source.followUpId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_source_that_shows_no_need_is_refused_by_name(string source, string field)
    {
        var w = await ReportWorld.CreateAsync(app);

        var body = $$"""{"source":{{source.Replace("{web}", w.WebServiceId.ToString(), StringComparison.Ordinal)}}}""";
        var response = await w.World.Provider.Manager.PostAsync(Register, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }
}
