using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Portfolio;
using Steward.Server.Processes;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Portfolio;

public sealed class ServicesApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    static readonly string[] IncidentOnly = ["incident-management"];
    static readonly string[] ChangeOnly = ["change-management"];

    [Fact]
    public async Task A_new_service_without_process_keys_starts_with_the_librarys_default_processes_and_keeps_its_outcomes()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var library = await provider.Manager.GetFromJsonAsync<List<ProcessView>>("/api/v1/processes", StewardApp.Json);

        var created = await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Email", type = "Business", outcomes = (string[])[" Staff can mail customers ", "Mail is kept for seven years"],
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadAsync<ServiceView>();
        Assert.Equal($"/api/v1/services/{view.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"0\"", created.Headers.ETag?.Tag);
        Assert.Equal(library!.Where(p => p.DefaultForServices).Select(p => p.Key), view.ProcessKeys);
        Assert.Equal(13, view.ProcessKeys.Count);
        Assert.Equal(["Staff can mail customers", "Mail is kept for seven years"], view.Outcomes);
        Assert.Equal(Core.Portfolio.ServiceLifecycle.Pipeline, view.Lifecycle);
        var read = await provider.Manager.GetFromJsonAsync<ServiceView>($"/api/v1/services/{view.Id}", StewardApp.Json);
        Assert.Equal(view.Outcomes, read!.Outcomes);
        Assert.Equal(view.ProcessKeys, read.ProcessKeys);
    }

    [Fact]
    public async Task Supporting_services_are_listed_on_the_service_they_support()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var network = await provider.ServiceAsync("Network", "incident-management");
        var hosting = await provider.ServiceAsync("Hosting", "incident-management");

        var created = await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Webshop", type = "Business", processKeys = IncidentOnly,
            supportingServiceIds = new[] { network.Id, hosting.Id },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadAsync<ServiceView>();
        Assert.Equal(new[] { network.Id, hosting.Id }.Order(), view.SupportingServiceIds.Order());
        var read = await provider.Manager.GetFromJsonAsync<ServiceView>($"/api/v1/services/{view.Id}", StewardApp.Json);
        Assert.Equal(new[] { network.Id, hosting.Id }.Order(), read!.SupportingServiceIds.Order());
    }

    [Fact]
    public async Task Changing_only_the_supporting_services_is_a_new_version_of_the_service()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var network = await provider.ServiceAsync("Network", "incident-management");
        var webshop = await provider.ServiceAsync("Webshop", "incident-management");
        var url = $"/api/v1/services/{webshop.Id}";

        var changed = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url,
            new { name = "Webshop", type = "Business", lifecycle = "Pipeline", supportingServiceIds = new[] { network.Id } }, "\"0\"");
        var replay = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url,
            new { name = "Webshop", type = "Business", lifecycle = "Pipeline", supportingServiceIds = Array.Empty<Guid>() }, "\"0\"");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal([network.Id], (await changed.ReadAsync<ServiceView>()).SupportingServiceIds);
        Assert.Equal("\"1\"", changed.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, replay.StatusCode);
    }

    [Fact]
    public async Task A_cycle_of_supporting_services_is_refused_with_409()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var storage = await provider.ServiceAsync("Storage", "incident-management");
        var hosting = await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Hosting", type = "Technical", processKeys = IncidentOnly, supportingServiceIds = new[] { storage.Id },
        });
        var hostingId = (await hosting.ReadAsync<ServiceView>()).Id;
        var webshop = await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Webshop", type = "Business", processKeys = IncidentOnly, supportingServiceIds = new[] { hostingId },
        });
        var webshopId = (await webshop.ReadAsync<ServiceView>()).Id;

        var direct = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{storage.Id}",
            new { name = "Storage", type = "Technical", lifecycle = "Live", supportingServiceIds = new[] { hostingId } }, "\"0\"");
        var indirect = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{storage.Id}",
            new { name = "Storage", type = "Technical", lifecycle = "Live", supportingServiceIds = new[] { webshopId } }, "\"0\"");
        var itself = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{storage.Id}",
            new { name = "Storage", type = "Technical", lifecycle = "Live", supportingServiceIds = new[] { storage.Id } }, "\"0\"");

        Assert.Equal(HttpStatusCode.Conflict, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, indirect.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, itself.StatusCode);
        Assert.Equal("application/problem+json", direct.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("'Hosting' already depends", await direct.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal("A service cannot support itself.", await itself.ProblemDetailAsync());
        var read = await provider.Manager.GetFromJsonAsync<ServiceView>($"/api/v1/services/{storage.Id}", StewardApp.Json);
        Assert.Empty(read!.SupportingServiceIds);
        Assert.Equal(0, read.Version);
    }

    [Fact]
    public async Task A_supporting_service_that_does_not_exist_is_refused_with_400_naming_supportingServiceIds()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var other = await ProviderBuilder.StartAsync(app);
        var othersService = await other.ServiceAsync("Elsewhere", "incident-management");

        var responses = await Task.WhenAll(new[] { Guid.NewGuid(), Guid.Empty, othersService.Id }.Select(id => provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Webshop " + id, type = "Business", processKeys = IncidentOnly, supportingServiceIds = new[] { id },
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        foreach (var response in responses)
            Assert.Equal(["supportingServiceIds"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_service_name_let_exactly_one_win()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => provider.Manager.PostJsonAsync("/api/v1/services",
            new { providerId = provider.Id, name = i % 2 == 0 ? "RACING" : "Racing", type = "Business", processKeys = IncidentOnly })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_400_naming_providerId()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Not A Provider");

        var unknown = await provider.Manager.PostJsonAsync("/api/v1/services", new { providerId = Guid.NewGuid(), name = "Ghost", type = "Business" });
        var notAProvider = await provider.Manager.PostJsonAsync("/api/v1/services", new { providerId = customer.Id, name = "Ghost", type = "Business" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["providerId"], await unknown.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notAProvider.StatusCode);
        Assert.Equal(["providerId"], await notAProvider.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_duplicate_name_at_the_same_provider_is_refused_with_409_but_another_provider_may_use_it()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var other = await ProviderBuilder.StartAsync(app);
        await provider.ServiceAsync("Service Desk", "incident-management");

        var duplicate = await provider.Manager.PostJsonAsync("/api/v1/services", new { providerId = provider.Id, name = "service desk", type = "Business" });
        var elsewhere = await other.Manager.PostJsonAsync("/api/v1/services", new { providerId = other.Id, name = "Service Desk", type = "Business" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task An_update_needs_the_current_etag()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Printing", "incident-management");
        var url = $"/api/v1/services/{service.Id}";
        var body = new { name = "Printing and scanning", type = "Business", lifecycle = "Live", outcomes = new[] { "Print anywhere" } };

        var missing = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, body, null);
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"3\"");
        var fresh = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"0\"");
        var replay = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"0\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"1\"", fresh.Headers.ETag?.Tag);
        var view = await fresh.ReadAsync<ServiceView>();
        Assert.Equal("Printing and scanning", view.Name);
        Assert.Equal(Core.Portfolio.ServiceLifecycle.Live, view.Lifecycle);
        Assert.Equal(["incident-management"], view.ProcessKeys);
        Assert.Equal(HttpStatusCode.PreconditionFailed, replay.StatusCode);
    }

    [Fact]
    public async Task The_process_set_is_read_and_replaced_and_an_unknown_key_is_refused_naming_its_position()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Telephony", "incident-management");
        var url = $"/api/v1/services/{service.Id}/processes";

        var unknown = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, (string[])["incident-management", "no-such-process"], "\"0\"");
        var twice = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, (string[])["incident-management", "incident-management"], "\"0\"");
        var missingEtag = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, ChangeOnly, null);
        var replaced = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, (string[])["incident-management", "change-management"], "\"0\"");
        var read = await provider.Manager.GetAsync(url);
        var viaUpdate = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{service.Id}",
            new { name = "Telephony", type = "Business", lifecycle = "Live", processKeys = (string[])["bogus"] }, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["processKeys[1]"], await unknown.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(["processKeys[1]"], await twice.ErrorFieldsAsync());
        Assert.Equal((HttpStatusCode)428, missingEtag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"1\"", replaced.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(["incident-management", "change-management"], await read.ReadAsync<string[]>());
        Assert.Equal(HttpStatusCode.BadRequest, viaUpdate.StatusCode);
        Assert.Equal(["processKeys[0]"], await viaUpdate.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Removing_a_process_that_sourcing_assignments_name_is_refused_with_409()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Backup", "incident-management", "change-management");
        await ProviderBuilder.CreatedAsync<object>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = service.Id, processKey = "change-management", performerId = provider.Id }));

        var viaProcesses = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{service.Id}/processes", IncidentOnly, "\"0\"");
        var viaUpdate = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{service.Id}",
            new { name = "Backup", type = "Business", lifecycle = "Live", processKeys = IncidentOnly }, "\"0\"");
        var keepingIt = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{service.Id}/processes", ChangeOnly, "\"0\"");

        Assert.Equal(HttpStatusCode.Conflict, viaProcesses.StatusCode);
        Assert.Contains("change-management", await viaProcesses.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, viaUpdate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keepingIt.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_service_is_refused_with_409_while_it_has_offerings()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Archive", "incident-management");
        var offering = await provider.OfferingAsync(service.Id, "Basic");

        var refused = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/services/{service.Id}", null, "\"0\"");
        var offeringGone = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/offerings/{offering.Id}", null, "\"0\"");
        var deleted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/services/{service.Id}", null, "\"0\"");
        var read = await provider.Manager.GetAsync($"/api/v1/services/{service.Id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 offerings", await refused.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, offeringGone.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Every_change_to_a_service_is_journaled()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Intranet", "incident-management");
        var url = $"/api/v1/services/{service.Id}";

        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { name = "Intranet portal", type = "Business", lifecycle = "Live" }, "\"0\"");
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url + "/processes", (string[])["incident-management", "problem-management"], "\"1\"");
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "\"2\"");

        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={service.Id}");
        var entries = journal.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Deleted", "Updated", "Updated", "Created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("Service", e.GetProperty("entityType").GetString()));
        Assert.Equal("Intranet", entries[3].GetProperty("changes").GetProperty("name").GetProperty("after").GetString());
        Assert.Equal("Intranet portal", entries[2].GetProperty("changes").GetProperty("name").GetProperty("after").GetString());
        Assert.Equal(["incident-management", "problem-management"],
            entries[1].GetProperty("changes").GetProperty("processKeys").GetProperty("after").EnumerateArray().Select(k => k.GetString()));
    }
}
