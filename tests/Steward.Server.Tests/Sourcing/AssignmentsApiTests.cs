using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

public sealed class AssignmentsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Url = "/api/v1/sourcing/assignments";

    [Fact]
    public async Task An_unknown_service_process_or_performer_is_refused_with_400_naming_the_field()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var stranger = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var service400 = await provider.Manager.PostJsonAsync(Url, new { serviceId = Guid.NewGuid(), processKey = "incident-management", performerId = provider.Id });
        var process400 = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "no-such-process", performerId = provider.Id });
        var notInService400 = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "change-management", performerId = provider.Id });
        var performer400 = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = Guid.NewGuid() });
        var foreignPerformer400 = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = stranger.Id });
        var foreignService400 = await stranger.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = stranger.Id });

        Assert.Equal(["serviceId"], await service400.ErrorFieldsAsync());
        Assert.Equal(["processKey"], await process400.ErrorFieldsAsync());
        Assert.Equal(["processKey"], await notInService400.ErrorFieldsAsync());
        Assert.Equal(["performerId"], await performer400.ErrorFieldsAsync());
        Assert.Equal(["performerId"], await foreignPerformer400.ErrorFieldsAsync());
        Assert.Equal(["serviceId"], await foreignService400.ErrorFieldsAsync());
        Assert.All(new[] { service400, process400, notInService400, performer400, foreignPerformer400, foreignService400 },
            r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task An_organization_outside_the_providers_partners_is_refused_as_performer_or_accountable()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        // The administrator sees every organization, so only the partner rule can refuse these.
        var outsider = await app.AddOrganizationAsync("Outsider " + ProviderBuilder.Unique(), Core.Parties.OrganizationKind.Supplier);
        var outsidersTeam = await ProviderBuilder.CreatedAsync<Server.Parties.TeamView>(await app.Admin.PostJsonAsync("/api/v1/teams", new { organizationId = outsider.Id, name = "Outside desk" }));

        var performer = await app.Admin.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = outsider.Id });
        var team = await app.Admin.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = outsidersTeam.Id });
        var accountable = await app.Admin.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = provider.Id, accountableId = outsider.Id });

        Assert.Equal(HttpStatusCode.BadRequest, performer.StatusCode);
        Assert.Equal(["performerId"], await performer.ErrorFieldsAsync());
        Assert.Equal(["performerId"], await team.ErrorFieldsAsync());
        Assert.Equal(["accountableId"], await accountable.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_customer_does_only_its_own_work_never_in_a_service_wide_or_another_customers_assignment()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var alpha = await provider.CustomerAsync("Alpha");
        var beta = await provider.CustomerAsync("Beta");
        var alphasTeam = await provider.TeamAsync("Alpha IT", alpha.Id);
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management", "change-management"], alpha.Id, beta.Id);

        var wideAccountable = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = provider.Id, accountableId = alpha.Id });
        var wideTeam = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = alphasTeam.Id });
        var inBetas = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, customerId = beta.Id, processKey = "incident-management", performerId = alpha.Id });
        var inAlphas = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, customerId = alpha.Id, processKey = "incident-management", performerId = alphasTeam.Id });
        var wide = await provider.AssignAsync(service.Id, "change-management", provider.Id);
        var moveToAlpha = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{wide.Id}", new { performerId = alpha.Id }, "\"0\"");

        Assert.Equal(["accountableId"], await wideAccountable.ErrorFieldsAsync());
        Assert.Equal(["performerId"], await wideTeam.ErrorFieldsAsync());
        Assert.Equal(["performerId"], await inBetas.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, inAlphas.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, moveToAlpha.StatusCode);
        Assert.Equal(["performerId"], await moveToAlpha.ErrorFieldsAsync());
        var betas = await provider.ProfileAsync(beta.Id);
        Assert.DoesNotContain(alpha.Id.ToString(), JsonSerializer.Serialize(betas, StewardApp.Json), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_activity_of_another_process_is_refused_with_400_naming_activityKey()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management", "change-management");

        var response = await provider.Manager.PostJsonAsync(Url, new
        {
            serviceId = service.Id, processKey = "incident-management", activityKey = "change-management/logging", performerId = provider.Id,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["activityKey"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_team_cannot_be_accountable_and_is_refused_with_400_naming_accountableId()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var team = await provider.TeamAsync("Service desk");
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var response = await provider.Manager.PostJsonAsync(Url, new
        {
            serviceId = service.Id, processKey = "incident-management", performerId = team.Id, accountableId = team.Id,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["accountableId"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_activity_assignment_naming_an_accountable_organization_is_refused_with_400()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var response = await provider.Manager.PostJsonAsync(Url, new
        {
            serviceId = service.Id, processKey = "incident-management", activityKey = "incident-management/logging", performerId = provider.Id, accountableId = provider.Id,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["accountableId"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_second_assignment_for_the_same_slot_is_refused_with_409_but_a_customers_own_may_override_it()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Overrider");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);

        var duplicate = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = provider.Id });
        var customers = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, customerId = customer.Id, processKey = "incident-management", performerId = customer.Id });
        var customersAgain = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, customerId = customer.Id, processKey = "incident-management", performerId = provider.Id });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, customers.StatusCode);
        Assert.Equal(customer.Id, (await customers.ReadAsync<AssignmentView>()).AccountableId);
        Assert.Equal(HttpStatusCode.Conflict, customersAgain.StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_for_one_slot_let_exactly_one_win()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, processKey = "incident-management", performerId = provider.Id })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task A_customer_specific_assignment_needs_a_subscription_and_is_refused_with_400_naming_customerId()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Not Subscribed");
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var response = await provider.Manager.PostJsonAsync(Url, new { serviceId = service.Id, customerId = customer.Id, processKey = "incident-management", performerId = provider.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["customerId"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_update_needs_the_current_etag_and_a_team_performer_makes_its_organization_accountable()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var supplier = await provider.SupplierAsync("Outsourcer");
        var team = await provider.TeamAsync("Second line");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var assignment = await provider.AssignAsync(service.Id, "incident-management", supplier.Id);
        var url = $"{Url}/{assignment.Id}";

        var missing = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { performerId = team.Id }, null);
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { performerId = team.Id }, "\"2\"");
        var fresh = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { performerId = team.Id, note = "Brought in-house" }, "\"0\"");

        Assert.Equal(supplier.Id, assignment.AccountableId);
        Assert.Equal("Organization", assignment.PerformerType);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"1\"", fresh.Headers.ETag?.Tag);
        var view = await fresh.ReadAsync<AssignmentView>();
        Assert.Equal(team.Id, view.PerformerId);
        Assert.Equal("Team", view.PerformerType);
        Assert.Equal(provider.Id, view.PerformerOrganizationId);
        Assert.Equal(provider.Id, view.AccountableId);
        Assert.Equal("Brought in-house", view.Note);
        Assert.Equal("incident-management", view.ProcessKey);
    }

    [Fact]
    public async Task A_deleted_assignment_is_gone_and_every_change_to_it_is_journaled()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var supplier = await provider.SupplierAsync("Short Term");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var assignment = await provider.AssignAsync(service.Id, "incident-management", provider.Id);
        var url = $"{Url}/{assignment.Id}";

        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { performerId = supplier.Id }, "\"0\"");
        var deleted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "\"1\"");
        var read = await provider.Manager.GetAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={assignment.Id}");
        var entries = journal.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Deleted", "Updated", "Created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("SourcingAssignment", e.GetProperty("entityType").GetString()));
        var changed = entries[1].GetProperty("changes").GetProperty("performerOrganizationId");
        Assert.Equal(provider.Id, changed.GetProperty("before").GetGuid());
        Assert.Equal(supplier.Id, changed.GetProperty("after").GetGuid());
    }
}
