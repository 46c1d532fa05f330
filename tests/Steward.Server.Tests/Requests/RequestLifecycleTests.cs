using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Requests;

/// <summary>
/// Catalogue requests on the real server: the form read as typed, approvals stage by stage under
/// any/all rules (approvers by role, as the service's owner and by name), fulfilment tasks in
/// sequence or in parallel, and the request resolved by its last task.
/// </summary>
public sealed class RequestLifecycleTests(StewardApp app) : IClassFixture<StewardApp>
{
    static string[] States(JsonElement list, string property = "state") => list.EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToArray();

    [Fact]
    public async Task A_catalogue_request_is_approved_stage_by_stage_then_fulfilled_task_by_task_and_resolved_by_its_last_task()
    {
        var world = await RequestWorld.CreateAsync(app);
        var item = await world.ItemAsync(world.LaptopItem());

        var request = await world.SubmitAsync(item);
        var id = request.GetProperty("id").GetGuid();
        Assert.Matches("^REQ[0-9]{6}$", request.GetProperty("number").GetString());
        Assert.Equal("New laptop", request.GetProperty("title").GetString());
        Assert.Equal("AwaitingApproval", request.GetProperty("state").GetString());
        Assert.Equal("request-fulfilment/authorisation", request.GetProperty("activityKey").GetString());
        Assert.Equal(world.ServiceId, request.GetProperty("serviceId").GetGuid());
        var answers = request.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!);
        Assert.Equal("Developer", answers["model"].GetProperty("value").GetString());
        Assert.Equal("2", answers["quantity"].GetProperty("value").GetString());
        Assert.Equal(world.ColleagueId.ToString(), answers["forPerson"].GetProperty("value").GetString());
        Assert.StartsWith("Person ", answers["forPerson"].GetProperty("display").GetString(), StringComparison.Ordinal);

        // Stage 1 is asked now (the customer's coordinator by role); stage 2 waits.
        var approvals = await world.ApprovalsAsync(world.Requester, id);
        Assert.Equal(3, approvals.GetArrayLength());
        var first = approvals.EnumerateArray().Single(a => a.GetProperty("stage").GetInt32() == 1);
        Assert.Equal("Role", first.GetProperty("via").GetString());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("requestedAt").ValueKind);
        Assert.All(approvals.EnumerateArray().Where(a => a.GetProperty("stage").GetInt32() == 2),
            a => Assert.Equal(JsonValueKind.Null, a.GetProperty("requestedAt").ValueKind));
        Assert.Empty((await world.Owner.GetFromJsonAsync<JsonElement>("/api/v1/requests/approvals")).EnumerateArray());
        Assert.Contains((await world.Coordinator.GetFromJsonAsync<JsonElement>("/api/v1/requests/approvals")).EnumerateArray(),
            a => a.GetProperty("requestId").GetGuid() == id && a.GetProperty("stageName").GetString() == "IT coordinator");

        // The requester is not asked; neither is the service owner yet.
        var notAsked = await world.ActAsync(world.Requester, id, "decision", new { decision = "Approved" });
        Assert.Equal(HttpStatusCode.Conflict, notAsked.StatusCode);
        Assert.Contains("not asked", await notAsked.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await world.ActAsync(world.Owner, id, "decision", new { decision = "Approved" })).StatusCode);

        // The coordinator approves: stage 2 opens for the owner and finance, who must both approve.
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Coordinator, id, "decision", new { decision = "Approved", comment = "Needed for the new team." })).StatusCode);
        Assert.Equal("AwaitingApproval", (await world.GetAsync(world.Agent, id)).GetProperty("state").GetString());
        Assert.Contains((await world.Owner.GetFromJsonAsync<JsonElement>("/api/v1/requests/approvals")).EnumerateArray(), a => a.GetProperty("requestId").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Owner, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await world.ActAsync(world.Owner, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Equal("AwaitingApproval", (await world.GetAsync(world.Agent, id)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Finance, id, "decision", new { decision = "Approved" })).StatusCode);

        // Approved: fulfilment starts with the first task open, for the supplier's logistics team; the others wait.
        var approved = await world.GetAsync(world.Agent, id);
        Assert.Equal("InProgress", approved.GetProperty("state").GetString());
        Assert.Equal("request-fulfilment/fulfilment", approved.GetProperty("activityKey").GetString());
        Assert.Equal(["Approved", "Approved", "Approved"], States(await world.ApprovalsAsync(world.Agent, id), "decision"));
        var tasks = await world.TasksAsync(world.Agent, id);
        Assert.Equal(["Open", "Waiting", "Waiting"], States(tasks));
        Assert.Equal(world.Logistics.Id, tasks[0].GetProperty("teamId").GetGuid());
        Assert.Equal(world.Desk.Id, tasks[1].GetProperty("teamId").GetGuid());
        Assert.Contains((await world.Agent.GetFromJsonAsync<JsonElement>($"/api/v1/requests/tasks?teamId={world.Logistics.Id}")).EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == tasks[0].GetProperty("id").GetGuid() && t.GetProperty("number").GetString() == request.GetProperty("number").GetString());

        Assert.Contains((await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/requests/tasks?teamId={world.Logistics.Id}")).EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == tasks[0].GetProperty("id").GetGuid() && t.GetProperty("teamId").GetGuid() == world.Logistics.Id);

        // The customer sees the progress, not who works the tasks.
        var seen = await world.TasksAsync(world.Requester, id);
        Assert.Equal(["Open", "Waiting", "Waiting"], States(seen));
        Assert.Equal(JsonValueKind.Null, seen[0].GetProperty("teamId").ValueKind);

        // In sequence: the second task waits for the first; nor may the request be resolved past its tasks.
        var early = await world.ActAsync(world.Agent, id, $"tasks/{tasks[1].GetProperty("id").GetGuid()}/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("waits for", await early.ProblemDetailAsync(), StringComparison.Ordinal);
        var resolved = await world.ActAsync(world.Agent, id, "transition", new { state = "Resolved", resolution = "Done" });
        Assert.Equal(HttpStatusCode.BadRequest, resolved.StatusCode);
        Assert.Equal(["state"], await resolved.ErrorFieldsAsync());
        var byRequester = await world.ActAsync(world.Requester, id, $"tasks/{tasks[0].GetProperty("id").GetGuid()}/complete", new { });
        Assert.Equal(HttpStatusCode.BadRequest, byRequester.StatusCode);
        Assert.Equal(["taskId"], await byRequester.ErrorFieldsAsync());

        foreach (var task in tasks.EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, $"tasks/{task.GetProperty("id").GetGuid()}/complete", new { note = "ok" })).StatusCode);
        var done = await world.GetAsync(world.Requester, id);
        Assert.Equal("Resolved", done.GetProperty("state").GetString());
        Assert.Equal("Fulfilled: every task is done.", done.GetProperty("resolution").GetString());
        Assert.Equal(["Done", "Done", "Done"], States(await world.TasksAsync(world.Agent, id)));

        // The requester confirms.
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Requester, id, "transition", new { state = "Closed" })).StatusCode);
    }

    [Fact]
    public async Task A_requester_cannot_work_tasks_and_a_rejection_under_all_ends_the_request_and_releases_the_other_approvers()
    {
        var world = await RequestWorld.CreateAsync(app);
        var id = (await world.SubmitAsync(await world.ItemAsync(world.LaptopItem()))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Coordinator, id, "decision", new { decision = "Approved" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Finance, id, "decision", new { decision = "Rejected", comment = "No budget this quarter." })).StatusCode);

        var rejected = await world.GetAsync(world.Requester, id);
        Assert.Equal("Rejected", rejected.GetProperty("state").GetString());
        Assert.Equal("Rejected at 'Budget': No budget this quarter.", rejected.GetProperty("resolution").GetString());
        var decisions = (await world.ApprovalsAsync(world.Requester, id)).EnumerateArray().ToDictionary(a => a.GetProperty("stageName").GetString() + ":" + a.GetProperty("via").GetString(), a => a.GetProperty("decision").GetString());
        Assert.Equal("Approved", decisions["IT coordinator:Role"]);
        Assert.Equal("Rejected", decisions["Budget:Person"]);
        Assert.Equal("NotNeeded", decisions["Budget:ServiceOwner"]);
        Assert.Empty((await world.Owner.GetFromJsonAsync<JsonElement>("/api/v1/requests/approvals")).EnumerateArray());
        Assert.Equal(0, (await world.TasksAsync(world.Agent, id)).GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await world.ActAsync(world.Owner, id, "decision", new { decision = "Approved" })).StatusCode);
    }

    [Fact]
    public async Task Parallel_tasks_open_together_and_a_withdrawn_request_cancels_what_is_left()
    {
        var world = await RequestWorld.CreateAsync(app);
        var item = await ProviderBuilder.CreatedAsync<JsonElement>(await world.Provider.Manager.PostJsonAsync(RequestWorld.Items, new
        {
            name = "Shared mailbox", serviceId = world.ServiceId, taskOrder = "Parallel",
            fields = new object[] { new { key = "address", label = "Address", type = "Text", required = true } },
            tasks = new object[] { new { title = "Create the mailbox" }, new { title = "Grant access" } },
        }));
        var request = await ProviderBuilder.CreatedAsync<JsonElement>(await world.Requester.PostJsonAsync(RequestWorld.Requests,
            new { catalogItemId = item.GetProperty("id").GetGuid(), title = "Mailbox for the claims team", answers = new { address = "claims@harbour.example" } }));
        var id = request.GetProperty("id").GetGuid();
        // No approval stages: straight into fulfilment, both tasks open at once.
        Assert.Equal("InProgress", request.GetProperty("state").GetString());
        Assert.Equal("Mailbox for the claims team", request.GetProperty("title").GetString());
        var tasks = await world.TasksAsync(world.Agent, id);
        Assert.Equal(["Open", "Open"], States(tasks));

        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, $"tasks/{tasks[1].GetProperty("id").GetGuid()}/complete", new { })).StatusCode);
        // A colleague at the customer does not withdraw someone else's request; the requester does.
        var byColleague = await world.ActAsync(world.Coordinator, id, "transition", new { state = "Cancelled" });
        Assert.Equal(HttpStatusCode.BadRequest, byColleague.StatusCode);
        Assert.Equal(["state"], await byColleague.ErrorFieldsAsync());
        // Customers follow the tasks in the queue too, without who works them.
        var queued = await world.Requester.GetFromJsonAsync<JsonElement>("/api/v1/requests/tasks");
        Assert.Contains(queued.EnumerateArray(), t => t.GetProperty("requestId").GetGuid() == id && t.GetProperty("teamId").ValueKind == JsonValueKind.Null);
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Requester, id, "transition", new { state = "Cancelled" })).StatusCode);
        var after = await world.TasksAsync(world.Agent, id);
        Assert.Equal(["Cancelled", "Done"], States(after));
        Assert.Equal("The request was cancelled.", after[0].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Tasks_keep_the_order_they_were_made_in_when_the_item_is_edited_later()
    {
        var world = await RequestWorld.CreateAsync(app);
        object Item(string order) => new
        {
            name = "Desk move", serviceId = world.ServiceId, taskOrder = order,
            tasks = new object[] { new { title = "Pack" }, new { title = "Move" }, new { title = "Unpack" } },
        };
        var item = await world.ItemAsync(Item("Sequential"));
        var id = (await ProviderBuilder.CreatedAsync<JsonElement>(await world.Requester.PostJsonAsync(RequestWorld.Requests, new { catalogItemId = item })))
            .GetProperty("id").GetGuid();
        var current = await world.Provider.Manager.GetAsync($"{RequestWorld.Items}/{item}");
        Assert.Equal(HttpStatusCode.OK, (await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{RequestWorld.Items}/{item}", Item("Parallel"), current.Headers.ETag!.Tag)).StatusCode);

        var tasks = await world.TasksAsync(world.Agent, id);
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, $"tasks/{tasks[0].GetProperty("id").GetGuid()}/complete", new { })).StatusCode);
        Assert.Equal(["Done", "Open", "Waiting"], States(await world.TasksAsync(world.Agent, id)));
    }

    public static TheoryData<string, object, string> BadAnswers => new()
    {
        { "missing required", new { model = "Standard" }, "answers.neededBy" },
        { "not an option", new { model = "Gaming", neededBy = "2026-12-14" }, "answers.model" },
        { "not a date", new { model = "Standard", neededBy = "14/12/2026" }, "answers.neededBy" },
        { "above the range", new { model = "Standard", neededBy = "2026-12-14", quantity = 9 }, "answers.quantity" },
        { "not a number", new { model = "Standard", neededBy = "2026-12-14", quantity = "many" }, "answers.quantity" },
        { "not the pattern", new { model = "Standard", neededBy = "2026-12-14", costCentre = "1234" }, "answers.costCentre" },
        { "not a question", new { model = "Standard", neededBy = "2026-12-14", colour = "red" }, "answers.colour" },
        { "nobody", new { model = "Standard", neededBy = "2026-12-14", forPerson = Guid.NewGuid().ToString() }, "answers.forPerson" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_is_refused_at_its_question(string why, object answers, string field)
    {
        var world = await RequestWorld.CreateAsync(app);
        var item = await world.ItemAsync(world.LaptopItem());
        var response = await world.Requester.PostJsonAsync(RequestWorld.Requests, new { catalogItemId = item, answers });
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Items_are_checked_as_they_are_defined_and_seen_only_by_the_provider_and_subscribed_customers()
    {
        var world = await RequestWorld.CreateAsync(app);
        async Task<IReadOnlyList<string>> Refused(object body)
        {
            var response = await world.Provider.Manager.PostJsonAsync(RequestWorld.Items, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.ErrorFieldsAsync();
        }
        Assert.Equal(["fields[0].options"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new[] { new { key = "a", label = "A", type = "Choice" } } }));
        Assert.Equal(["fields[0].key"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new[] { new { key = "Bad key", label = "A", type = "Text" } } }));
        Assert.Equal(["fields[0].pattern"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new[] { new { key = "a", label = "A", type = "Text", pattern = "([" } } }));
        Assert.Equal(["fields[0].min"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new[] { new { key = "a", label = "A", type = "Number", min = 5, max = 1 } } }));
        Assert.Equal(["stages[0].approvers[0].role"], await Refused(new { name = "X", serviceId = world.ServiceId, stages = new[] { new { name = "S", approvers = new[] { new { kind = "Role", role = "Wizard" } } } } }));
        Assert.Equal(["stages[0].approvers[0].personId"], await Refused(new { name = "X", serviceId = world.ServiceId, stages = new[] { new { name = "S", approvers = new[] { new { kind = "Person", personId = world.RequesterId } } } } }));
        Assert.Equal(["tasks[0].teamId"], await Refused(new { name = "X", serviceId = world.ServiceId, tasks = new[] { new { title = "T", teamId = Guid.NewGuid() } } }));
        // An inline comment would swallow the anchors the answers are matched with; JSON nulls where entries belong.
        Assert.Equal(["fields[0].pattern"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new[] { new { key = "a", label = "A", type = "Text", pattern = "(?x)\\d+#" } } }));
        Assert.Equal(["fields[0]"], await Refused(new { name = "X", serviceId = world.ServiceId, fields = new object?[] { null } }));
        Assert.Equal(["stages[0].approvers[0]"], await Refused(new { name = "X", serviceId = world.ServiceId, stages = new[] { new { name = "S", approvers = new object?[] { null } } } }));
        Assert.Equal(["tasks[1]"], await Refused(new { name = "X", serviceId = world.ServiceId, tasks = new object?[] { new { title = "T" }, null } }));

        var item = await world.ItemAsync(world.LaptopItem());
        // The subscribed customer's requester sees it; another provider's people and an unsubscribed customer do not.
        Assert.Equal(HttpStatusCode.OK, (await world.Requester.GetAsync($"{RequestWorld.Items}/{item}")).StatusCode);
        var other = await RequestWorld.CreateAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Provider.Manager.GetAsync($"{RequestWorld.Items}/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Requester.GetAsync($"{RequestWorld.Items}/{item}")).StatusCode);
        var otherSubmit = await other.Requester.PostJsonAsync(RequestWorld.Requests, new { catalogItemId = item, answers = new { model = "Standard", neededBy = "2026-12-14" } });
        Assert.Equal(HttpStatusCode.BadRequest, otherSubmit.StatusCode);
        Assert.Equal(["catalogItemId"], await otherSubmit.ErrorFieldsAsync());

        // A retired item is no longer requested, and one that has been requested is retired rather than deleted.
        // A requester cannot raise it for another organization, nor learn through the answers who works there.
        var foreign = await world.Requester.PostJsonAsync(RequestWorld.Requests, new { catalogItemId = item, customerId = other.CustomerId, answers = new { model = "Standard", neededBy = "2026-12-14" } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(["customerId"], await foreign.ErrorFieldsAsync());

        var requested = await world.SubmitAsync(item);
        // A catalogue request stays with its item's service.
        var moved = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{RequestWorld.Requests}/{requested.GetProperty("id").GetGuid()}",
            new { serviceId = Guid.NewGuid() }, (await world.Agent.GetAsync($"{RequestWorld.Requests}/{requested.GetProperty("id").GetGuid()}")).Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal(["serviceId"], await moved.ErrorFieldsAsync());
        var current = await world.Provider.Manager.GetAsync($"{RequestWorld.Items}/{item}");
        var delete = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{RequestWorld.Items}/{item}", null, current.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.NotEqual(Guid.Empty, requested.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_stage_nobody_could_approve_is_refused_when_the_request_is_submitted()
    {
        var world = await RequestWorld.CreateAsync(app);
        var item = await world.ItemAsync(new
        {
            name = "Admin rights", serviceId = world.ServiceId,
            stages = new[] { new { name = "Security", approvers = new[] { new { kind = "Role", role = "ProcessOwner" } } } },
        });
        var response = await world.Requester.PostJsonAsync(RequestWorld.Requests, new { catalogItemId = item });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Nobody can approve stage 'Security'", await response.ProblemDetailAsync(), StringComparison.Ordinal);
    }
}
