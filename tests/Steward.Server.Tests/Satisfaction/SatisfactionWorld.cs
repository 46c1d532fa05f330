using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>
/// The incident world (the provider's service desk runs incident management for Harbour Bank's
/// e-mail, a supplier's network team investigates under an underpinning contract) with a
/// post-resolution survey asking the rating, the likelihood to recommend and a comment, open for
/// 14 days. Records are resolved either in initial diagnosis (the desk's step) or after being
/// handed to investigation (the network team's).
/// </summary>
public sealed class SatisfactionWorld
{
    public const string Surveys = "/api/v1/surveys";
    public const string Report = "/api/v1/satisfaction";
    public const string November = "from=2026-11-01&to=2026-11-30";

    public required SlaApp App { get; init; }
    public required IncidentWorld World { get; init; }
    public required Guid SurveyId { get; init; }

    public HttpClient Manager => World.Provider.Manager;

    public static async Task<SatisfactionWorld> CreateAsync(SlaApp app, object? survey = null)
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var created = await ProviderBuilder.CreatedAsync<JsonElement>(await world.Provider.Manager.PostJsonAsync(Surveys, survey ?? new
        {
            name = "After resolution",
            trigger = new { type = "RecordResolved" },
            questions = new { recommend = true, comment = true },
            expiresAfterDays = 14,
        }));
        return new SatisfactionWorld { App = app, World = world, SurveyId = created.GetProperty("id").GetGuid() };
    }

    /// <summary>The requester raises an incident; the agent resolves it, first handing it to the network team when <paramref name="investigated"/>.</summary>
    public async Task<JsonElement> ResolvedAsync(string title, bool investigated)
    {
        var id = (await World.RaiseAsync(title)).GetProperty("id").GetGuid();
        if (investigated)
            await OkAsync(World.ActAsync(World.Agent, id, "activity", new { activityKey = "incident-management/investigation-and-diagnosis" }));
        return await OkAsync(World.ActAsync(World.Agent, id, "transition", new { state = "Resolved", resolution = "Fixed." }));
    }

    /// <summary>The caller's open invitations.</summary>
    public static async Task<List<JsonElement>> InvitationsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/surveys", StewardApp.Json)).EnumerateArray()];

    /// <summary>The requester's open invitation about the record.</summary>
    public async Task<Guid> InvitationOfAsync(Guid recordId) =>
        (await InvitationsAsync(World.Requester)).Single(i => i.GetProperty("recordId").GetGuid() == recordId).GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid invitationId, int rating, int? recommend = null, string? comment = null) =>
        client.PostJsonAsync($"{Surveys}/invitations/{invitationId}/response", new { rating, recommend, comment });

    /// <summary>The requester answers the invitation about the record; 201 or the test fails.</summary>
    public async Task AnswerRecordAsync(Guid recordId, int rating, int? recommend = null, string? comment = null)
    {
        var response = await AnswerAsync(World.Requester, await InvitationOfAsync(recordId), rating, recommend, comment);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"answer gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<JsonElement>();
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();
}
