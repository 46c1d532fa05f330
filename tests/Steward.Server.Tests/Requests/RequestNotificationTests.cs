using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Requests;

/// <summary>
/// The bell on the real server: approvers are told when their stage opens, the requester when
/// approval is over and when the request is resolved or rejected; each person reads and marks only
/// their own notifications.
/// </summary>
public sealed class RequestNotificationTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Notifications = "/api/v1/notifications";

    static async Task<JsonElement[]> AboutAsync(HttpClient client, Guid recordId, string query = "") =>
        (await client.GetFromJsonAsync<JsonElement>($"{Notifications}?limit=200{query}")).GetProperty("items").EnumerateArray()
            .Where(n => n.TryGetProperty("recordId", out var r) && r.ValueKind == JsonValueKind.String && r.GetGuid() == recordId).ToArray();

    static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Notifications}/unread")).GetProperty("unread").GetInt32();

    [Fact]
    public async Task Approvers_are_told_when_their_stage_opens_and_the_requester_when_it_is_approved_and_fulfilled()
    {
        var world = await RequestWorld.CreateAsync(app);
        var request = await world.SubmitAsync(await world.ItemAsync(world.LaptopItem()));
        var id = request.GetProperty("id").GetGuid();
        var number = request.GetProperty("number").GetString()!;

        // Stage 1 (the coordinator) is told now; stage 2's approvers not yet; the requester is not told of their own submission.
        var asked = Assert.Single(await AboutAsync(world.Coordinator, id));
        Assert.Equal($"{number} waits for your approval (IT coordinator): New laptop", asked.GetProperty("text").GetString());
        Assert.Equal(number, asked.GetProperty("recordNumber").GetString());
        Assert.Equal("Request", asked.GetProperty("recordKind").GetString());
        Assert.Equal(JsonValueKind.Null, asked.GetProperty("readAt").ValueKind);
        Assert.Empty(await AboutAsync(world.Owner, id));
        Assert.Empty(await AboutAsync(world.Requester, id));

        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Coordinator, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Contains("waits for your approval (Budget)", Assert.Single(await AboutAsync(world.Owner, id)).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Single(await AboutAsync(world.Finance, id));
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Owner, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Empty(await AboutAsync(world.Requester, id));
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Finance, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Equal($"{number} is approved; fulfilment has started: New laptop", Assert.Single(await AboutAsync(world.Requester, id)).GetProperty("text").GetString());

        foreach (var task in (await world.TasksAsync(world.Agent, id)).EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, $"tasks/{task.GetProperty("id").GetGuid()}/complete", new { })).StatusCode);
        var told = await AboutAsync(world.Requester, id);
        Assert.Equal(2, told.Length);
        Assert.Equal($"{number} is resolved: New laptop — Fulfilled: every task is done.", told[0].GetProperty("text").GetString());   // newest first
    }

    [Fact]
    public async Task A_rejection_tells_the_requester_why_and_each_person_marks_only_their_own_read()
    {
        var world = await RequestWorld.CreateAsync(app);
        var id = (await world.SubmitAsync(await world.ItemAsync(world.LaptopItem()))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Coordinator, id, "decision", new { decision = "Rejected", comment = "Use the pool laptops." })).StatusCode);

        var rejected = Assert.Single(await AboutAsync(world.Requester, id));
        Assert.EndsWith("was rejected: New laptop — Rejected at 'IT coordinator': Use the pool laptops.", rejected.GetProperty("text").GetString(), StringComparison.Ordinal);
        var requesterUnread = await UnreadAsync(world.Requester);
        Assert.True(requesterUnread >= 1);

        // Nobody reads or marks another's notification: it is not there for them.
        var notificationId = rejected.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await world.Coordinator.PostAsync($"{Notifications}/{notificationId}/read", null)).StatusCode);
        Assert.Empty(await AboutAsync(world.Coordinator, id, "&unread=false"));
        Assert.Equal(requesterUnread, await UnreadAsync(world.Requester));

        Assert.Equal(HttpStatusCode.NoContent, (await world.Requester.PostAsync($"{Notifications}/{notificationId}/read", null)).StatusCode);
        Assert.Equal(requesterUnread - 1, await UnreadAsync(world.Requester));
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(await AboutAsync(world.Requester, id, "&unread=false")).GetProperty("readAt").ValueKind);
        Assert.Empty(await AboutAsync(world.Requester, id, "&unread=true"));

        // The coordinator's "approval asked" is still unread until all are marked.
        Assert.True(await UnreadAsync(world.Coordinator) >= 1);
        var marked = await world.Coordinator.PostAsync($"{Notifications}/read", null);
        Assert.True((await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32() >= 1);
        Assert.Equal(0, await UnreadAsync(world.Coordinator));

        var bad = await world.Requester.GetAsync($"{Notifications}?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("limit", await bad.ErrorFieldsAsync());
    }
}
