using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Satisfaction;
using static Steward.Server.Tests.Improvements.ImprovementApi;

namespace Steward.Server.Tests.Improvements;

/// <summary>
/// Every person of the provider reads the register, but satisfaction is read only with the right
/// to read it: a provider's requester sees a satisfaction improvement's title and state and not
/// its values, nor the rating and words a follow-up quoted; the view says they are withheld.
/// </summary>
public sealed class SatisfactionRedactionTests(SlaApp app) : IClassFixture<SlaApp>
{
    [Fact]
    public async Task A_provider_requester_reads_a_satisfaction_improvement_without_its_values()
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
        Assert.Equal(HttpStatusCode.Created, (await w.Manager.PostJsonAsync($"{Register}/{Id(raised)}/reviews", new { note = "Called the customer." })).StatusCode);
        var (_, requester) = await app.AddPersonAsync(w.World.Provider.Id, Roles.Requester);

        var read = await GetAsync(requester, Id(raised));
        var listed = (await ItemsAsync(requester)).Single(i => Id(i) == Id(raised));
        var reviews = await requester.GetFromJsonAsync<JsonElement>($"{Register}/{Id(raised)}/reviews", StewardApp.Json);
        var csv = await requester.GetStringAsync($"{Register}?format=csv");
        var managers = await GetAsync(w.Manager, Id(raised));

        foreach (var view in new[] { read, listed })
        {
            Assert.Equal(JsonValueKind.Null, view.GetProperty("baseline").GetProperty("value").ValueKind);
            Assert.Equal(JsonValueKind.Null, view.GetProperty("target").ValueKind);
            Assert.Equal(JsonValueKind.Null, view.GetProperty("current").ValueKind);
            Assert.Equal(JsonValueKind.Null, view.GetProperty("problem").ValueKind);
            Assert.Equal(JsonValueKind.Null, view.GetProperty("source").GetProperty("note").ValueKind);
            Assert.Contains("Satisfaction values are not shown to you", view.GetProperty("withheld").GetString());
            Assert.StartsWith("Satisfaction of Harbour Bank", view.GetProperty("title").GetString());
        }
        Assert.Equal(JsonValueKind.Null, reviews[0].GetProperty("value").ValueKind);
        Assert.DoesNotContain("2.5", csv);
        Assert.DoesNotContain("3.75", csv);
        // Ratings 1 and 4: the manager reads the mean of 2.5 and the target halfway to 5.
        Assert.Equal((2.5m, 3.75m, 2.5m), (managers.GetProperty("baseline").GetProperty("value").GetDecimal(), managers.GetProperty("target").GetDecimal(),
            managers.GetProperty("current").GetProperty("value").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, managers.GetProperty("withheld").ValueKind);
        Assert.Contains("Three days without mail.", managers.GetProperty("problem").GetString());

        await MovedAsync(w.Manager, Id(raised), "Approved");
        await MovedAsync(w.Manager, Id(raised), "NotAchieved");
        var requesters = await requester.GetFromJsonAsync<JsonElement>($"{Register}/results", StewardApp.Json);
        var managersResults = await w.Manager.GetFromJsonAsync<JsonElement>($"{Register}/results", StewardApp.Json);
        var closed = await GetAsync(requester, Id(raised));

        Assert.Equal(JsonValueKind.Null, requesters.GetProperty("byMeasure").EnumerateArray().Single(m => m.GetProperty("measureKey").GetString() == "csat-mean")
            .GetProperty("valueGained").ValueKind);
        // Closed at a mean of 2.5 still: nothing gained.
        Assert.Equal(0m, managersResults.GetProperty("byMeasure").EnumerateArray().Single(m => m.GetProperty("measureKey").GetString() == "csat-mean")
            .GetProperty("valueGained").GetDecimal());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closingValue").ValueKind);
    }
}
