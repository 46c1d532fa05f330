using Steward.Server.Parties;
using Steward.Server.Portfolio;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

/// <summary>
/// A small portfolio with one relationship of each interesting shape, built through the API:
/// <list type="bullet">
/// <item>Workplace (incident, change): the provider's team runs incidents and the provider itself
/// changes, for everyone. Alpha subscribes claiming ServiceOutsourcing, which holds.</item>
/// <item>Beta subscribes to Workplace too, but keeps change management through its own assignment:
/// ProcessOutsourcing for Beta.</item>
/// <item>Hosting (incident, change): the provider only runs incidents, nobody is assigned changes.
/// Alpha subscribes claiming ServiceOutsourcing: a mismatch, really ProcessOutsourcing.</item>
/// </list>
/// </summary>
public sealed record TwoCustomerPortfolio(ProviderBuilder Provider, OrganizationView Alpha, OrganizationView Beta, TeamView Team,
    ServiceView Workplace, ServiceView Hosting, Guid BetaOverrideId)
{
    public static async Task<TwoCustomerPortfolio> BuildAsync(StewardApp app)
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var alpha = await provider.CustomerAsync("Alpha");
        var beta = await provider.CustomerAsync("Beta");
        var team = await provider.TeamAsync("Service desk");

        var workplace = await provider.ServiceAsync("Workplace", "incident-management", "change-management");
        var gold = await provider.OfferingAsync(workplace.Id, "Gold", new { name = "Availability", target = 99.9m, unit = "%" });
        await provider.SubscribeAsync(gold.Id, alpha.Id, "ServiceOutsourcing");
        await provider.SubscribeAsync(gold.Id, beta.Id);
        await provider.AssignAsync(workplace.Id, "incident-management", team.Id);
        await provider.AssignAsync(workplace.Id, "change-management", provider.Id);
        var betaOverride = await provider.AssignAsync(workplace.Id, "change-management", beta.Id, customerId: beta.Id);

        var hosting = await provider.ServiceAsync("Hosting", "incident-management", "change-management");
        var standard = await provider.OfferingAsync(hosting.Id);
        await provider.SubscribeAsync(standard.Id, alpha.Id, "ServiceOutsourcing");
        await provider.AssignAsync(hosting.Id, "incident-management", provider.Id);

        return new TwoCustomerPortfolio(provider, alpha, beta, team, workplace, hosting, betaOverride.Id);
    }

    public Guid ProviderId => Provider.Id;
}
