using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using Steward.Server.Tests.Reports;
using static Steward.Server.Tests.Improvements.ImprovementApi;

namespace Steward.Server.Tests.Sourcing;

/// <summary>
/// The review's "what to improve" over the report world's Monday: a missed measure raised in one
/// click, and the register's open improvements in scope of Harbour Bank's relationship, never those
/// closed, of Quay Insurance or of Quay's web service.
/// </summary>
public sealed class ReviewImprovementsTests(SlaApp app) : IClassFixture<SlaApp>
{
    static object Backlog(string title, object? scope, decimal target) => new
    {
        title, measureKey = "backlog", scope, baselineFrom = "2026-11-30T00:00:00Z", baselineTo = "2026-11-30T15:00:00Z", target, targetDate = "2026-12-31",
    };

    [Fact]
    public async Task What_to_improve_lists_the_open_improvements_in_the_relationships_scope_and_the_one_raised_from_a_missed_measure()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var sla = await ProviderBuilder.CreatedAsync<JsonElement>(await manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
            serviceId = w.World.ServiceId, reference = "SLA-HB-" + ProviderBuilder.Unique(), measureTargets = new object[] { new { key = "sla-compliance", target = 95 } },
        }));
        var url = $"/api/v1/sourcing/review?providerId={w.World.Provider.Id}&customerId={w.World.CustomerId}&from=2026-11-30&to=2026-11-30";
        var before = await manager.GetFromJsonAsync<JsonElement>(url, StewardApp.Json);
        var row = Mail(before, w).GetProperty("improve").EnumerateArray().Single();
        Assert.Equal((Id(sla), JsonValueKind.Null), (row.GetProperty("agreementId").GetGuid(), row.GetProperty("improvementId").ValueKind));

        // The page's button sends what the row shows: the agreement, the measure, the review's period, service and customer.
        var fromRow = await RaiseAsync(manager, new
        {
            source = new
            {
                type = "agreementMeasure", agreementId = row.GetProperty("agreementId").GetGuid(), key = row.GetProperty("key").GetString(),
                from = before.GetProperty("from").GetString(), to = before.GetProperty("to").GetString(), zone = before.GetProperty("zone").GetString(),
                serviceId = w.World.ServiceId, customerId = w.World.CustomerId,
            },
        });
        // Monday's backlog at 15:00: R0, R3 and R4 provider-wide; R4 alone for Quay and for its web service.
        var providerWide = await RaiseAsync(manager, Backlog("Clear the backlog", null, 1));
        var harbour = await RaiseAsync(manager, Backlog("Harbour's backlog", new { customerIds = new[] { w.World.CustomerId } }, 1));
        var quay = await RaiseAsync(manager, Backlog("Quay's backlog", new { customerIds = new[] { w.OtherCustomerId } }, 0));
        var web = await RaiseAsync(manager, Backlog("The web shop's backlog", new { serviceIds = new[] { w.WebServiceId } }, 0));
        var abandoned = await RaiseAsync(manager, Backlog("Given up", null, 2));
        await MovedAsync(manager, Id(abandoned), "Abandoned");

        var review = await manager.GetFromJsonAsync<JsonElement>(url, StewardApp.Json);

        var mail = Mail(review, w);
        Assert.Equal(Id(fromRow), mail.GetProperty("improve").EnumerateArray().Single().GetProperty("improvementId").GetGuid());
        var listed = Assert.Single(mail.GetProperty("improving").EnumerateArray());
        Assert.Equal((Id(fromRow), "Identified", 80m, 80m, 95m, false), (Id(listed), listed.GetProperty("state").GetString(),
            listed.GetProperty("baseline").GetDecimal(), listed.GetProperty("current").GetDecimal(), listed.GetProperty("target").GetDecimal(), listed.GetProperty("overdue").GetBoolean()));
        Assert.Equal($"/improvements/{Id(fromRow)}", listed.GetProperty("link").GetString());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("ownerName").GetString()));
        var across = review.GetProperty("improving").EnumerateArray().ToList();
        Assert.Equal(new[] { Id(providerWide), Id(harbour) }.Order(), across.Select(Id).Order());
        var wide = across.Single(i => Id(i) == Id(providerWide));
        Assert.Equal((3m, 1m), (wide.GetProperty("baseline").GetDecimal(), wide.GetProperty("target").GetDecimal()));
        var all = across.Concat(review.GetProperty("services").EnumerateArray().SelectMany(s => s.GetProperty("improving").EnumerateArray())).Select(Id).ToList();
        Assert.DoesNotContain(Id(quay), all);
        Assert.DoesNotContain(Id(web), all);
        Assert.DoesNotContain(Id(abandoned), all);
    }

    [Fact]
    public async Task A_customers_person_sees_no_improvement_of_the_register_in_their_review()
    {
        var w = await ReportWorld.CreateAsync(app);
        await RaiseAsync(w.World.Provider.Manager, Backlog("Harbour's backlog", new { customerIds = new[] { w.World.CustomerId } }, 1));
        var url = $"/api/v1/sourcing/review?providerId={w.World.Provider.Id}&customerId={w.World.CustomerId}&from=2026-11-30&to=2026-11-30";

        var review = await w.World.Requester.GetFromJsonAsync<JsonElement>(url, StewardApp.Json);

        Assert.Equal(0, review.GetProperty("improving").GetArrayLength());
        Assert.All(review.GetProperty("services").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("improving").GetArrayLength()));
        Assert.Contains("improvements", review.GetProperty("hidden").EnumerateArray().Select(h => h.GetString()));
    }

    static JsonElement Mail(JsonElement review, ReportWorld w) =>
        review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == w.World.ServiceId);
}
