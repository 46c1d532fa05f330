using System.Net;
using System.Net.Http.Json;
using Steward.Core.Processes;
using Steward.Server.Processes;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Processes;

public sealed class ProcessLibraryApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    static object IncidentHandling(string name = "Incident handling") => new
    {
        name, stage = "Operation",
        activities = new[] { new { key = "incident-management/log", name = "Log the call" }, new { key = "incident-management/fix", name = "Fix it" } },
        kpis = new[] { new { key = "fixed-same-day", name = "Fixed the same day", unit = "%" } },
        itil4Practices = new[] { "incident-management" },
        iso20000Clauses = new[] { "8.6.1" },
    };

    static async Task<ProcessView> ProcessAsync(HttpClient client, string url) => (await client.GetFromJsonAsync<ProcessView>(url, StewardApp.Json))!;

    [Fact]
    public async Task The_library_lists_the_26_built_in_processes_in_lifecycle_order()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var library = await provider.Manager.GetFromJsonAsync<List<ProcessView>>("/api/v1/processes", StewardApp.Json);

        Assert.Equal(26, library!.Count);
        Assert.Equal(26, library.Select(p => p.Key).Distinct().Count());
        Assert.Equal(library.Select(p => p.Stage).Order(), library.Select(p => p.Stage));
        Assert.Equal(LifecycleStage.Strategy, library[0].Stage);
        Assert.Equal("seven-step-improvement", library[^1].Key);
        Assert.Equal(13, library.Count(p => p.DefaultForServices));
        Assert.DoesNotContain(library, p => p.Tailored);
        Assert.All(library, p => Assert.NotEmpty(p.Activities));
        Assert.All(library, p => Assert.NotEmpty(p.Kpis));
    }

    [Fact]
    public async Task Incident_management_has_its_activities_kpis_and_framework_mapping()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var incident = await ProcessAsync(provider.Manager, "/api/v1/processes/incident-management");

        Assert.Equal("Incident management", incident.Name);
        Assert.Equal(LifecycleStage.Operation, incident.Stage);
        Assert.Equal(9, incident.Activities.Count);
        Assert.All(incident.Activities, a => Assert.StartsWith("incident-management/", a.Key, StringComparison.Ordinal));
        Assert.Equal("incident-management/identification", incident.Activities[0].Key);
        Assert.Contains(incident.Activities, a => a.Key == "incident-management/investigation-and-diagnosis");
        Assert.Equal(7, incident.Kpis.Count);
        Assert.Contains(incident.Kpis, k => k.Key == "mean-time-to-resolve" && k.Unit == "hours");
        Assert.Equal(["incident-management"], incident.Itil4Practices.Select(p => p.Key));
        Assert.Equal(["8.6.1"], incident.Iso20000Clauses.Select(c => c.Number));
        Assert.True(incident.DefaultForServices);
        Assert.False(incident.Tailored);
    }

    [Fact]
    public async Task An_unknown_process_key_is_answered_with_404()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var response = await provider.Manager.GetAsync("/api/v1/processes/no-such-process");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_frameworks_list_the_34_itil_4_practices_and_the_clause_8_entries_with_their_processes()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var frameworks = await provider.Manager.GetFromJsonAsync<FrameworksView>("/api/v1/processes/frameworks", StewardApp.Json);

        Assert.Equal(34, frameworks!.Itil4Practices.Count);
        Assert.Equal(14, frameworks.Itil4Practices.Count(p => p.Group == "General management"));
        Assert.Equal(17, frameworks.Itil4Practices.Count(p => p.Group == "Service management"));
        Assert.Equal(3, frameworks.Itil4Practices.Count(p => p.Group == "Technical management"));
        Assert.Equal(["incident-management"], frameworks.Itil4Practices.Single(p => p.Key == "incident-management").Processes);
        Assert.Empty(frameworks.Itil4Practices.Single(p => p.Key == "service-desk").Processes);
        Assert.Equal(["incident-management"], frameworks.Iso20000Clauses.Single(c => c.Number == "8.6.1").Processes);
        Assert.Equal("8.6", frameworks.Iso20000Clauses.Single(c => c.Number == "8.6.1").Parent);
        Assert.False(string.IsNullOrEmpty(frameworks.LibraryVersion));
    }

    [Fact]
    public async Task Tailoring_a_process_changes_only_that_providers_library()
    {
        var tailoring = await ProviderBuilder.StartAsync(app);
        var other = await ProviderBuilder.StartAsync(app);

        var created = await tailoring.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/processes/incident-management?providerId={tailoring.Id}", IncidentHandling(), null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"0\"", created.Headers.ETag?.Tag);
        var own = await tailoring.Manager.GetAsync($"/api/v1/processes/incident-management?providerId={tailoring.Id}");
        Assert.Equal("\"0\"", own.Headers.ETag?.Tag);
        var ownView = await own.ReadAsync<ProcessView>();
        Assert.Equal("Incident handling", ownView.Name);
        Assert.True(ownView.Tailored);
        Assert.Equal(["incident-management/log", "incident-management/fix"], ownView.Activities.Select(a => a.Key));
        var ownList = (await tailoring.Manager.GetFromJsonAsync<List<ProcessView>>("/api/v1/processes", StewardApp.Json))!;
        Assert.Equal("Incident handling", ownList.Single(p => p.Key == "incident-management").Name);
        Assert.Equal(26, ownList.Count);
        var others = await ProcessAsync(other.Manager, $"/api/v1/processes/incident-management?providerId={other.Id}");
        Assert.Equal("Incident management", others.Name);
        Assert.False(others.Tailored);
        Assert.Equal(9, others.Activities.Count);
        var othersList = await other.Manager.GetFromJsonAsync<List<ProcessView>>("/api/v1/processes", StewardApp.Json);
        Assert.DoesNotContain(othersList!, p => p.Tailored);
        var peeking = await other.Manager.GetAsync($"/api/v1/processes/incident-management?providerId={tailoring.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, peeking.StatusCode);
        Assert.Equal(["providerId"], await peeking.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Changing_a_tailored_process_needs_the_current_etag()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var url = $"/api/v1/processes/incident-management?providerId={provider.Id}";
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, IncidentHandling(), null);

        var missing = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, IncidentHandling("Incidents"), null);
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, IncidentHandling("Incidents"), "\"5\"");
        var fresh = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, IncidentHandling("Incidents"), "\"0\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"1\"", fresh.Headers.ETag?.Tag);
        Assert.Equal("Incidents", (await ProcessAsync(provider.Manager, url)).Name);
    }

    [Fact]
    public async Task Reverting_a_tailored_process_brings_back_the_built_in_one()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var url = $"/api/v1/processes/incident-management?providerId={provider.Id}";
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, IncidentHandling(), null);

        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "\"4\"");
        var reverted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "\"0\"");
        var again = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "*");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reverted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var builtIn = await ProcessAsync(provider.Manager, url);
        Assert.Equal("Incident management", builtIn.Name);
        Assert.False(builtIn.Tailored);
        Assert.Equal(9, builtIn.Activities.Count);
    }

    [Fact]
    public async Task Tailoring_away_an_activity_that_an_assignment_names_is_refused_with_409()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        await ProviderBuilder.CreatedAsync<object>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = service.Id, processKey = "incident-management", activityKey = "incident-management/logging", performerId = provider.Id }));

        var response = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/processes/incident-management?providerId={provider.Id}", IncidentHandling(), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("incident-management/logging", await response.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.False((await ProcessAsync(provider.Manager, "/api/v1/processes/incident-management")).Tailored);
    }

    [Fact]
    public async Task A_process_of_the_providers_own_joins_its_library_and_its_services()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var body = new
        {
            name = "Security awareness", stage = "Operation",
            activities = new[] { new { key = "security-awareness/train", name = "Train staff" } },
            kpis = new[] { new { key = "staff-trained", name = "Staff trained", unit = "%" } },
        };

        var created = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/processes/security-awareness?providerId={provider.Id}", body, null);
        var service = await provider.ServiceAsync("Awareness", "security-awareness");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var library = await provider.Manager.GetFromJsonAsync<List<ProcessView>>("/api/v1/processes", StewardApp.Json);
        Assert.Equal(27, library!.Count);
        Assert.Equal("security-awareness", library[^1].Key);
        Assert.Equal(["security-awareness"], service.ProcessKeys);
        var revert = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/processes/security-awareness?providerId={provider.Id}", null, "*");
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
    }
}
