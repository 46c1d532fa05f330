using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Satisfaction;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>A periodic survey asks every person of each customer once a round, however many servers run the rounds and however often.</summary>
public sealed class PeriodicSurveysTests(SlaApp app) : IClassFixture<SlaApp>
{
    Task<int> RunRoundsAsync() => app.AsSystemAsync((_, services) => services.GetRequiredService<PeriodicSurveyRunner>().RunDueAsync(CancellationToken.None));

    [Fact]
    public async Task Each_round_invites_each_contact_once_even_when_two_runners_race_and_the_next_waits_for_its_day()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 6, 0));
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Harbour");
        var elsewhere = await provider.CustomerAsync("Quay");
        var contacts = new[] { await app.AddPersonAsync(customer.Id, Roles.Requester), await app.AddPersonAsync(customer.Id, Roles.ServiceOwner) };
        var (_, outsider) = await app.AddPersonAsync(elsewhere.Id, Roles.Requester);
        var survey = SatisfactionWorld.Id(await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(SatisfactionWorld.Surveys, new
        {
            name = "Quarterly relationship", trigger = new { type = "Periodic", everyMonths = 3, customerIds = new[] { customer.Id } },
            questions = new { recommend = true, comment = true }, expiresAfterDays = 30,
        })));

        await Task.WhenAll(RunRoundsAsync(), RunRoundsAsync());
        await RunRoundsAsync();

        Assert.Equal([0], await app.AsSystemAsync((db, _) => db.SurveyRounds.Where(r => r.SurveyId == survey).Select(r => r.Round).ToListAsync()));
        foreach (var (_, client) in contacts)
        {
            var invitation = Assert.Single(await SatisfactionWorld.InvitationsAsync(client));
            Assert.Equal(JsonValueKind.Null, invitation.GetProperty("recordId").ValueKind);
        }
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(outsider));

        app.Clock.Reset(Instant.FromUtc(2027, 2, 28, 23, 0));
        await RunRoundsAsync();
        Assert.Single(await app.AsSystemAsync((db, _) => db.SurveyRounds.Where(r => r.SurveyId == survey).ToListAsync()));

        app.Clock.Reset(Instant.FromUtc(2027, 3, 1, 0, 5));
        await RunRoundsAsync();
        Assert.Equal([0, 1], await app.AsSystemAsync((db, _) => db.SurveyRounds.Where(r => r.SurveyId == survey).OrderBy(r => r.Round).Select(r => r.Round).ToListAsync()));
        Assert.Equal(4, await app.AsSystemAsync((db, _) => db.SurveyInvitations.CountAsync(i => i.SurveyId == survey)));
    }

    [Fact]
    public async Task Answers_to_a_periodic_survey_count_for_the_customer_without_a_party()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 6, 0));
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Harbour");
        var (_, contact) = await app.AddPersonAsync(customer.Id, Roles.Requester);
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(SatisfactionWorld.Surveys, new
        {
            name = "Monthly", trigger = new { type = "Periodic", everyMonths = 1 }, questions = new { recommend = true },
        }));
        await RunRoundsAsync();
        var invitation = SatisfactionWorld.Id(Assert.Single(await SatisfactionWorld.InvitationsAsync(contact)));

        Assert.Equal(System.Net.HttpStatusCode.Created, (await SatisfactionWorld.AnswerAsync(contact, invitation, 1, 2)).StatusCode);

        var byCustomer = await provider.Manager.GetFromJsonAsync<JsonElement>($"{SatisfactionWorld.Report}?groupBy=customer&from=2026-12-01&to=2026-12-31", StewardApp.Json);
        var byParty = await provider.Manager.GetFromJsonAsync<JsonElement>($"{SatisfactionWorld.Report}?groupBy=party&from=2026-12-01&to=2026-12-31", StewardApp.Json);
        var row = Assert.Single(byCustomer.GetProperty("rows").EnumerateArray());
        Assert.Equal((customer.Id, 1, 1, -100.0), (row.GetProperty("key").GetGuid(), row.GetProperty("invitations").GetInt32(), row.GetProperty("lowRatings").GetInt32(),
            row.GetProperty("netPromoterScore").GetDouble()));
        Assert.Equal(JsonValueKind.Null, Assert.Single(byParty.GetProperty("rows").EnumerateArray()).GetProperty("party").GetProperty("performerId").ValueKind);
        var followUps = await provider.Manager.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction/follow-ups?state=all", StewardApp.Json);
        Assert.Empty(followUps.GetProperty("items").EnumerateArray());
    }
}
