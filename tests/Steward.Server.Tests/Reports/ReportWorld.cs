using System.Net;
using System.Text.Json;
using NodaTime;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Reports;

/// <summary>
/// The incident world (office hours in London; P3: 1 h response, 8 h resolution; P2: 30 min and
/// 4 h; the supplier's network team under a 4 h underpinning contract) with a day of incidents
/// whose every clock is known, read at Monday 30 November 2026, 15:00:
/// <list type="table">
/// <item>R0, Harbour Bank, logged Wednesday 25 November 09:00 and left: open, 5 days old, outside Monday's period.</item>
/// <item>R1, Harbour Bank, P3, 09:00: public reply 09:30 (response met, 30 min), resolved 11:00 (met, 2 h).</item>
/// <item>R2, Harbour Bank, P3, 09:00: no reply; resolved 12:00 (response breached at 10:00 with 3 h counted, resolution met, 3 h).</item>
/// <item>R3, Harbour Bank, P3, 09:00: public reply 09:10 (met, 10 min), handed to the network team at 09:10; open, its UC clock breached at 13:10.</item>
/// <item>R4, a second customer on a second service, P2, logged by the agent at 09:00 and left: open, resolution breached at 13:00.</item>
/// </list>
/// </summary>
public sealed class ReportWorld
{
    public const string Reports = "/api/v1/reports";
    /// <summary>Monday only, as local dates (UTC): [30 Nov 00:00, 1 Dec 00:00).</summary>
    public const string Monday = "from=2026-11-30&to=2026-11-30";

    public static readonly Instant ReadAt = Instant.FromUtc(2026, 11, 30, 15, 0);

    public required IncidentWorld World { get; init; }
    public required Guid OtherCustomerId { get; init; }
    public required Guid WebServiceId { get; init; }
    public required Guid[] Ids { get; init; }

    static Instant Mon(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 30, hour, minute);

    public static async Task<ReportWorld> CreateAsync(SlaApp app)
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 9, 0));
        var world = await IncidentWorld.CreateAsync(app);
        var other = await world.Provider.CustomerAsync("Quay Insurance");
        var web = await world.Provider.SubscribedServiceAsync("Web " + ProviderBuilder.Unique(), ["incident-management"], other.Id);
        var r0 = Id(await world.RaiseAsync("Old printer fault"));

        app.Clock.Reset(Mon(9));
        var r1 = Id(await world.RaiseAsync("Calendar not syncing"));
        var r2 = Id(await world.RaiseAsync("Shared mailbox missing"));
        var r3 = Id(await world.RaiseAsync("Mail does not arrive"));
        var r4 = Id(await ProviderBuilder.CreatedAsync<JsonElement>(await world.Agent.PostJsonAsync(IncidentWorld.Incidents,
            new { title = "Web shop down", serviceId = web.Id, customerId = other.Id, priority = 2 })));

        app.Clock.Reset(Mon(9, 10));
        await ReplyAsync(world, r3);
        await OkAsync(world.ActAsync(world.Agent, r3, "activity", new { activityKey = "incident-management/investigation-and-diagnosis" }));
        app.Clock.Reset(Mon(9, 30));
        await ReplyAsync(world, r1);
        app.Clock.Reset(Mon(11));
        await OkAsync(world.ActAsync(world.Agent, r1, "transition", new { state = "Resolved", resolution = "Re-synced the calendar." }));
        app.Clock.Reset(Mon(12));
        await OkAsync(world.ActAsync(world.Agent, r2, "transition", new { state = "Resolved", resolution = "Restored the mailbox." }));

        app.Clock.Reset(ReadAt);
        return new ReportWorld { World = world, OtherCustomerId = other.Id, WebServiceId = web.Id, Ids = [r0, r1, r2, r3, r4] };
    }

    static Guid Id(JsonElement record) => record.GetProperty("id").GetGuid();

    static async Task ReplyAsync(IncidentWorld world, Guid id) =>
        Assert.Equal(HttpStatusCode.Created, (await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{id}/comments", new { body = "On it.", isPublic = true })).StatusCode);

    static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
