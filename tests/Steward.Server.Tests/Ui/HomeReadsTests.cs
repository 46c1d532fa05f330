using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Sla;
using Steward.Server.Identity;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Requests;
using Steward.Server.Ui.Homes;
using Steward.Server.Ui.Portal;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>The reads behind the homes, as each person's own context answers them (tenancy applies), on both databases.</summary>
public sealed class HomeReadsTests(SlaApp app) : IClassFixture<SlaApp>
{
    /// <summary>Monday 30 November, London office hours (UTC in winter).</summary>
    static Instant Mon(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 30, hour, minute);

    /// <summary>Runs <paramref name="work"/> with a context acting as the person, as their browser's circuit does.</summary>
    async Task<T> AsAsync<T>(Guid personId, Func<StewardDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var who = await scope.ServiceProvider.GetRequiredService<ActorResolver>().ScopeOfAsync(personId, default)
            ?? throw new InvalidOperationException("No such person.");
        scope.ServiceProvider.GetRequiredService<Actor>().BecomePerson(who.PersonId, null, who.OrganizationId, who.Roles, who.VisibleOrganizationIds);
        return await work(scope.ServiceProvider.GetRequiredService<StewardDbContext>());
    }

    static async Task<Guid> PersonIdOf(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();

    [Fact]
    public async Task An_agents_work_is_what_is_assigned_to_them_what_their_teams_have_not_taken_and_the_clocks_falling_due()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var taken = (await world.RaiseAsync("Printer jams")).GetProperty("id").GetGuid();
        var waiting = (await world.RaiseAsync("Mail bounces")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, taken, "assign", new { teamId = world.ServiceDesk.Id, assigneeId = world.AgentId })).StatusCode);

        var (mine, untaken, loads) = await AsAsync(world.AgentId, async db =>
        {
            var teams = await WorkReads.TeamsOfAsync(db, world.AgentId);
            return (await WorkReads.AssignedToAsync(db, world.AgentId), await WorkReads.UntakenAsync(db, teams), await WorkReads.LoadOfAsync(db, teams));
        });

        Assert.Equal(1, mine.Total);
        Assert.Equal(taken, Assert.Single(mine.Items).Id);
        Assert.Equal(1, untaken.Total);
        Assert.Equal(waiting, Assert.Single(untaken.Items).Id);
        var desk = Assert.Single(loads);
        Assert.Equal((world.ServiceDesk.Id, 2, 1), (desk.TeamId, desk.Open, desk.Unassigned));
    }

    [Fact]
    public async Task Clocks_falling_due_within_a_working_day_are_listed_soonest_first_and_those_past_due_are_counted_apart()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var first = (await world.RaiseAsync("Calendar is empty")).GetProperty("id").GetGuid();
        app.Clock.Reset(Mon(9, 20));
        var second = (await world.RaiseAsync("Shared drive is gone")).GetProperty("id").GetGuid();

        // 09:30: both first responses (due 10:00 and 10:20) and the first resolution (17:00) fall due within eight hours;
        // the second resolution's eight business hours run into Tuesday morning.
        var at930 = await AsAsync(world.AgentId, async db =>
            await WorkReads.DueSoonAsync(db, world.AgentId, await WorkReads.TeamsOfAsync(db, world.AgentId), Mon(9, 30)));
        // 10:10: the first record's response is past due; it is counted as overdue, not listed.
        var (at1010, overdue) = await AsAsync(world.AgentId, async db =>
        {
            var teams = await WorkReads.TeamsOfAsync(db, world.AgentId);
            return (await WorkReads.DueSoonAsync(db, world.AgentId, teams, Mon(10, 10)), await WorkReads.OverdueAsync(db, world.AgentId, teams, Mon(10, 10)));
        });

        Assert.Equal([(first, ClockMetric.FirstResponse), (second, ClockMetric.FirstResponse), (first, ClockMetric.Resolution)],
            at930.Where(d => d.Clock.Metric is not ClockMetric.Party).Select(d => (d.Record.Id, d.Clock.Metric)));
        Assert.Equal(at930.Select(d => d.Clock.DueAt).Order(), at930.Select(d => d.Clock.DueAt));
        Assert.DoesNotContain(at1010, d => d.Record.Id == first && d.Clock.Metric is ClockMetric.FirstResponse);
        Assert.Contains(at1010, d => d.Record.Id == second && d.Clock.Metric is ClockMetric.FirstResponse);
        Assert.Equal(1, overdue);
    }

    [Fact]
    public async Task Someone_outside_the_team_and_the_customers_requester_have_no_work_of_the_desk()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        await world.RaiseAsync("VPN drops");
        var (outsider, _) = await app.AddPersonAsync(world.Provider.Id, Roles.Agent);

        var outsiders = await AsAsync(outsider.Id, async db =>
        {
            var teams = await WorkReads.TeamsOfAsync(db, outsider.Id);
            return (teams.Count, (await WorkReads.UntakenAsync(db, teams)).Total, (await WorkReads.DueSoonAsync(db, outsider.Id, teams, SlaApp.Start)).Count);
        });
        var requesters = await AsAsync(world.RequesterId, async db => (await WorkReads.AssignedToAsync(db, world.RequesterId)).Total);

        Assert.Equal((0, 0, 0), outsiders);
        Assert.Equal(0, requesters);
    }

    [Fact]
    public async Task A_service_owner_sees_their_services_with_the_open_work_on_them_and_a_process_owner_the_work_by_process()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await RequestWorld.CreateAsync(app);
        var ownerId = await PersonIdOf(world.Owner);
        await world.SubmitAsync(await world.ItemAsync(world.LaptopItem()));

        var (services, work) = await AsAsync(ownerId, async db =>
        {
            var owned = await OwnerReads.ServicesOfAsync(db, ownerId, app.Clock.GetCurrentInstant());
            return (owned, await WorkReads.FirstAsync(OwnerReads.OpenOn(db, owned.Items.Select(s => s.Id).ToList())));
        });
        var processes = await AsAsync(world.FinanceId, db => OwnerReads.ByProcessAsync(db, 8));

        var service = Assert.Single(services.Items);
        Assert.Equal((world.ServiceId, 1, 0), (service.Id, service.Open, service.Breached));
        Assert.Equal(1, work.Total);
        var fulfilment = Assert.Single(processes);
        Assert.Equal(("request-fulfilment", 1), (fulfilment.Key, fulfilment.Open));
        Assert.NotEqual(fulfilment.Key, fulfilment.Name);
    }

    [Fact]
    public async Task The_portals_catalogue_search_finds_items_by_every_word_in_any_case_and_only_for_subscribed_customers()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await RequestWorld.CreateAsync(app);
        var item = await world.ItemAsync(world.LaptopItem());
        var stranger = await world.Provider.CustomerAsync("Unsubscribed");
        var (strangerPerson, _) = await app.AddPersonAsync(stranger.Id, Roles.Requester);
        var search = new CatalogueSearch();

        var (found, byCategory, missed) = await AsAsync(world.RequesterId, async db => (
            await search.SearchAsync(db, "laptop", 8, default),
            await search.SearchAsync(db, "HARDWARE new", 8, default),
            await search.SearchAsync(db, "laptop printer", 8, default)));
        var strangers = await AsAsync(strangerPerson.Id, db => search.SearchAsync(db, "laptop", 8, default));

        var hit = Assert.Single(found);
        Assert.Equal(("New laptop", $"/portal/items/{item}"), (hit.Title, hit.Href));
        Assert.Single(byCategory);
        Assert.Empty(missed);
        Assert.Empty(strangers);
    }
}
