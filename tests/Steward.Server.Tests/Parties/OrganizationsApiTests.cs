using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Parties;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Parties;

public sealed class OrganizationsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_created_organization_can_be_read_back_and_its_creation_is_journaled()
    {
        var created = await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Acme Retail", kind = "Customer" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadAsync<OrganizationView>();
        Assert.Equal($"/api/v1/organizations/{view.Id}", created.Headers.Location?.OriginalString);
        var read = await app.Admin.GetAsync($"/api/v1/organizations/{view.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"0\"", read.Headers.ETag?.Tag);
        Assert.Equal("Acme Retail", (await read.ReadAsync<OrganizationView>()).Name);
        var journal = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={view.Id}");
        var entry = Assert.Single(journal.GetProperty("items").EnumerateArray());
        Assert.Equal("Created", entry.GetProperty("action").GetString());
        Assert.Equal("Organization", entry.GetProperty("entityType").GetString());
        Assert.Equal("Acme Retail", entry.GetProperty("changes").GetProperty("name").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.String, entry.GetProperty("actorPersonId").ValueKind);
    }

    [Fact]
    public async Task A_duplicate_name_of_the_same_kind_is_refused_with_409_but_another_kind_may_share_it()
    {
        await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Contoso", kind = "Customer" });

        var sameKind = await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "contoso", kind = "Customer" });
        var otherKind = await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Contoso", kind = "Supplier" });

        Assert.Equal(HttpStatusCode.Conflict, sameKind.StatusCode);
        Assert.Equal("application/problem+json", sameKind.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, otherKind.StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_in_different_case_let_exactly_one_win()
    {
        var name = "Racing Name " + Guid.NewGuid().ToString("N")[..6];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.Admin.PostJsonAsync("/api/v1/organizations", new { name = i % 2 == 0 ? name.ToUpperInvariant() : name, kind = "Customer" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task An_update_needs_the_current_etag_and_journals_before_and_after()
    {
        var view = await (await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Fabrikam", kind = "Supplier" })).ReadAsync<OrganizationView>();
        var url = $"/api/v1/organizations/{view.Id}";
        var body = new { name = "Fabrikam Ltd", kind = "Supplier" };

        var missing = await app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, body, null);
        var stale = await app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"7\"");
        var fresh = await app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"0\"");
        var replay = await app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, body, "\"0\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"1\"", fresh.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, replay.StatusCode);
        var journal = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={view.Id}");
        var update = journal.GetProperty("items")[0];
        Assert.Equal("Updated", update.GetProperty("action").GetString());
        Assert.Equal("Fabrikam", update.GetProperty("changes").GetProperty("name").GetProperty("before").GetString());
        Assert.Equal("Fabrikam Ltd", update.GetProperty("changes").GetProperty("name").GetProperty("after").GetString());
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_etag_let_exactly_one_win()
    {
        var view = await (await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Race Corp", kind = "Customer" })).ReadAsync<OrganizationView>();
        var url = $"/api/v1/organizations/{view.Id}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, new { name = $"Race Corp {i}", kind = "Customer" }, "\"0\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
    }

    [Fact]
    public async Task Deleting_an_organization_with_people_is_refused_and_archiving_hides_it_from_the_default_list()
    {
        var org = await app.AddOrganizationAsync("Has People Inc", Core.Parties.OrganizationKind.Customer);
        await app.AddPersonAsync(org.Id, "Requester");
        var url = $"/api/v1/organizations/{org.Id}";

        var delete = await app.Admin.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "*");
        var archive = await app.Admin.SendWithIfMatchAsync(HttpMethod.Post, url + "/archive", null, "\"0\"");
        var list = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations?q=has%20people&limit=200");
        var withArchived = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations?q=has%20people&includeArchived=true");

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        Assert.Single(withArchived.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_organization_without_records_can_be_deleted_and_then_is_gone()
    {
        var view = await (await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = "Short Lived", kind = "Contractor" })).ReadAsync<OrganizationView>();

        var delete = await app.Admin.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/organizations/{view.Id}", null, "\"0\"");
        var read = await app.Admin.GetAsync($"/api/v1/organizations/{view.Id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var journal = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={view.Id}");
        Assert.Equal(["Deleted", "Created"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats_in_either_direction()
    {
        var prefix = "Paged " + Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, 23).Select(i => $"{prefix} {i % 5} {i:D2}").ToList();
        foreach (var name in names)
            await app.Admin.PostJsonAsync("/api/v1/organizations", new { name, kind = "Customer" });

        foreach (var sort in new[] { "name", "-name", "createdAt", "-createdAt" })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var url = $"/api/v1/organizations?q={Uri.EscapeDataString(prefix)}&limit=4&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}");
                var page = await app.Admin.GetFromJsonAsync<JsonElement>(url);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
                cursor = page.GetProperty("next").GetString();
            } while (cursor is not null);

            Assert.Equal(names.Count, seen.Count);
            Assert.Equal(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            if (sort == "name") Assert.Equal(names.Order(StringComparer.Ordinal), seen);
            if (sort == "-name") Assert.Equal(names.OrderDescending(StringComparer.Ordinal), seen);
            if (sort == "createdAt") Assert.Equal(names, seen);
        }
    }

    [Fact]
    public async Task A_provider_manager_creating_a_customer_gets_it_served_by_their_provider_and_keeps_seeing_it()
    {
        var provider = await app.AddOrganizationAsync("Provider PM " + Guid.NewGuid().ToString("N")[..6], Core.Parties.OrganizationKind.Provider);
        var (_, manager) = await app.AddPersonAsync(provider.Id, "ProviderManager");

        var created = await manager.PostJsonAsync("/api/v1/organizations", new { name = "PM Customer " + provider.Id, kind = "Customer" });
        var view = await created.ReadAsync<OrganizationView>();
        var read = await manager.GetAsync($"/api/v1/organizations/{view.Id}");
        var partners = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{provider.Id}/partners");
        var providerOrg = await manager.PostJsonAsync("/api/v1/organizations", new { name = "Sneaky Provider", kind = "Provider" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(partners.EnumerateArray(), p => p.GetProperty("organizationId").GetGuid() == view.Id);
        Assert.Equal(HttpStatusCode.Forbidden, providerOrg.StatusCode);
    }
}
