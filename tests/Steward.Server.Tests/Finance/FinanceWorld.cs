using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>
/// A small literal world, set up through the API, whose P&amp;L for March and April 2026 is worked
/// out by hand in <see cref="PnlTests"/>. The provider reports in EUR.
/// <list type="bullet">
/// <item>Desk (one process, which the provider's Desk team performs: service outsourcing) serves
/// Harbor at 3,100 EUR a month from January and Alder at 9,000 EUR a quarter from 10 March.</item>
/// <item>Clinical (two processes, the provider answers for one, performed by the supplier SupCo:
/// process outsourcing) serves Alder at 1,000 USD a month.</item>
/// <item>USD→EUR 0.92 from 1 March and 0.95 from 15 April; GBP→EUR 1.20 from 1 April only; no CHF rate.</item>
/// <item>Ada costs 60 EUR an hour, 72 from 16 March; Ben has no rate of his own, the Desk team
/// costs 48; Carla, SupCo's engineer, has none.</item>
/// <item>Work: Ada 90 min on 10 March and 45 min on 20 March for Harbor; Ben 60 min on 2 April for
/// Alder on Desk (as the Desk team); Carla 30 min on 5 April for Alder on Clinical.</item>
/// <item>SupCo charges 600 EUR a month from March under a contract for Clinical, and 310 GBP a month
/// from March under a provider-wide contract.</item>
/// <item>Other costs: 200 USD visits to Alder on 20 April; a 500 CHF course for Desk on 5 March;
/// 250 EUR marketing of the Data practice on 10 April.</item>
/// <item>Practices: Workplace (Desk, 36,500 EUR a year) and Data (Clinical, no budget).</item>
/// </list>
/// </summary>
public sealed class FinanceWorld : IAsyncLifetime
{
    public const string Period = "from=2026-03-01&to=2026-04-30";

    public StewardApp App { get; } = new();
    public FinanceBuilder F { get; private set; } = null!;
    public Guid Harbor { get; private set; }
    public Guid Alder { get; private set; }
    public Guid SupCo { get; private set; }
    public Guid Desk { get; private set; }
    public Guid Clinical { get; private set; }
    public Guid Workplace { get; private set; }
    public Guid Data { get; private set; }
    public Guid Ada { get; private set; }
    public Guid Ben { get; private set; }
    public Guid Carla { get; private set; }
    public Guid HarborIncident { get; private set; }
    public Guid AlderDeskIncident { get; private set; }
    public Guid AlderClinicalIncident { get; private set; }
    /// <summary>Ada's client: an agent of the provider.</summary>
    public HttpClient Agent { get; private set; } = null!;
    public HttpClient Manager => F.Manager;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        F = await StartAsync(App);
        var p = F.Provider;
        var settings = await Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Settings}/{F.ProviderId}", new { reportingCurrency = "EUR" }, "*");
        settings.EnsureSuccessStatusCode();
        Harbor = (await p.CustomerAsync("Harbor")).Id;
        Alder = (await p.CustomerAsync("Alder")).Id;
        SupCo = (await p.SupplierAsync("SupCo")).Id;

        Desk = (await p.ServiceAsync("Desk", "incident-management")).Id;
        Clinical = (await p.ServiceAsync("Clinical", "incident-management", "problem-management")).Id;
        var deskOffering = (await p.OfferingAsync(Desk)).Id;
        var clinicalOffering = (await p.OfferingAsync(Clinical)).Id;
        await Subscribe(deskOffering, Harbor, 3100, "EUR", "Monthly", "2026-01-01");
        await Subscribe(deskOffering, Alder, 9000, "EUR", "Quarterly", "2026-03-10");
        await Subscribe(clinicalOffering, Alder, 1000, "USD", "Monthly", "2026-01-01");

        var deskTeam = await p.TeamAsync("Desk team");
        await Created("/api/v1/sourcing/assignments", new { serviceId = Desk, processKey = "incident-management", performerId = deskTeam.Id, accountableId = F.ProviderId });
        await Created("/api/v1/sourcing/assignments", new { serviceId = Clinical, processKey = "incident-management", performerId = SupCo, accountableId = F.ProviderId });
        var clinicalContract = await F.ContractAsync(SupCo, Clinical);
        var wideContract = await F.ContractAsync(SupCo);

        var (ada, agent) = await App.AddPersonAsync(F.ProviderId, Roles.Agent);
        Ada = ada.Id;
        Ben = await F.PersonIdAsync(F.ProviderId);
        Carla = await F.PersonIdAsync(SupCo);
        await Created("/api/v1/cost-rates", new { personId = Ada, hourlyAmount = 60, currency = "EUR", validFrom = "2026-01-01" });
        await Created("/api/v1/cost-rates", new { personId = Ada, hourlyAmount = 72, currency = "EUR", validFrom = "2026-03-16" });
        await Created("/api/v1/cost-rates", new { teamId = deskTeam.Id, hourlyAmount = 48, currency = "EUR", validFrom = "2026-01-01" });

        HarborIncident = await Incident(agent, Harbor, Desk);
        var alderDesk = AlderDeskIncident = await Incident(agent, Alder, Desk);
        var alderClinical = AlderClinicalIncident = await Incident(agent, Alder, Clinical);
        Agent = agent;
        await Log(agent, HarborIncident, Ada, 90, "2026-03-10");
        await Log(agent, HarborIncident, Ada, 45, "2026-03-20");
        await Log(agent, alderDesk, Ben, 60, "2026-04-02");
        await Log(agent, alderClinical, Carla, 30, "2026-04-05");

        await F.CreateAsync(Rates, new { providerId = F.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.92m });
        await F.CreateAsync(Rates, new { providerId = F.ProviderId, from = "USD", to = "EUR", on = "2026-04-15", rate = 0.95m });
        await F.CreateAsync(Rates, new { providerId = F.ProviderId, from = "GBP", to = "EUR", on = "2026-04-01", rate = 1.20m });
        await F.CreateAsync(SupplierCharges, new { agreementId = clinicalContract, amount = 600, currency = "EUR", period = "Monthly", start = "2026-03-01" });
        await F.CreateAsync(SupplierCharges, new { agreementId = wideContract, amount = 310, currency = "GBP", period = "Monthly", start = "2026-03-01" });

        var champion = await F.PersonIdAsync(F.ProviderId, Roles.ProviderManager);
        Workplace = await F.CreateAsync(Practices, new { providerId = F.ProviderId, name = "Workplace", championId = champion, serviceIds = new[] { Desk }, yearlyBudget = 36500, budgetCurrency = "EUR" });
        Data = await F.CreateAsync(Practices, new { providerId = F.ProviderId, name = "Data", championId = champion, serviceIds = new[] { Clinical } });
        await F.CreateAsync(Costs, new { providerId = F.ProviderId, on = "2026-04-20", amount = 200, currency = "USD", category = "Visits", customerId = Alder });
        await F.CreateAsync(Costs, new { providerId = F.ProviderId, on = "2026-03-05", amount = 500, currency = "CHF", category = "Course", serviceId = Desk });
        await F.CreateAsync(Costs, new { providerId = F.ProviderId, on = "2026-04-10", amount = 250, currency = "EUR", category = "Marketing", practiceId = Data });
    }

    Task Subscribe(Guid offeringId, Guid customerId, decimal amount, string currency, string period, string start) =>
        Created("/api/v1/subscriptions", new { offeringId, customerId, start, chargeAmount = amount, chargeCurrency = currency, chargePeriod = period });

    async Task Created(string path, object body) => await ProviderBuilder.CreatedAsync<JsonElement>(await Manager.PostJsonAsync(path, body));

    static async Task<Guid> Incident(HttpClient agent, Guid customerId, Guid serviceId) =>
        Id(await ProviderBuilder.CreatedAsync<JsonElement>(await agent.PostJsonAsync("/api/v1/incidents", new { title = "Finance world incident", customerId, serviceId })));

    static async Task Log(HttpClient agent, Guid incident, Guid personId, int minutes, string on) =>
        await ProviderBuilder.CreatedAsync<JsonElement>(await agent.PostJsonAsync($"/api/v1/incidents/{incident}/worklog", new { minutes, on, personId }));

    /// <summary>The P&amp;L of March and April grouped one way, as the provider manager reads it.</summary>
    public async Task<JsonElement> PnlAsync(string groupBy) =>
        await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/finance/pnl?providerId={F.ProviderId}&groupBy={groupBy}&{Period}", StewardApp.Json);

    public async Task DisposeAsync() => await App.DisposeAsync();
}
