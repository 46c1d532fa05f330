using System.Net.Http.Json;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

public sealed class SourcingOverviewTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task The_overview_counts_relationships_by_derived_kind_and_lists_the_mismatches()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var overview = await world.Provider.Manager.GetFromJsonAsync<SourcingOverviewView>($"/api/v1/sourcing/overview?providerId={world.ProviderId}", StewardApp.Json);

        Assert.Equal(world.ProviderId, overview!.Provider.Id);
        Assert.Equal(2, overview.Customers);
        Assert.Equal(3, overview.Relationships);
        Assert.Equal(1, overview.Kinds[SourcingKind.ServiceOutsourcing]);
        Assert.Equal(2, overview.Kinds[SourcingKind.ProcessOutsourcing]);
        Assert.Equal(0, overview.Kinds[SourcingKind.KnowledgeOutsourcing]);
        Assert.Equal(0, overview.Kinds[SourcingKind.None]);
        var mismatch = Assert.Single(overview.Mismatches);
        Assert.Equal((world.Alpha.Id, world.Hosting.Id), (mismatch.CustomerId, mismatch.ServiceId));
        Assert.Equal((SourcingKind.ProcessOutsourcing, SourcingKind.ServiceOutsourcing), (mismatch.Kind, mismatch.ClaimedKind));
        Assert.Equal([world.Alpha.Id, world.Beta.Id], overview.ByCustomer.Select(c => c.CustomerId));
        Assert.Equal([2, 1], overview.ByCustomer.Select(c => c.Services));
        Assert.Equal(1, overview.ByCustomer[0].Kinds[SourcingKind.ServiceOutsourcing]);
        Assert.Equal(1, overview.ByCustomer[1].Kinds[SourcingKind.ProcessOutsourcing]);
    }

    [Fact]
    public async Task A_provider_without_subscriptions_has_an_empty_overview()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        await provider.ServiceAsync("Unsold", "incident-management");

        var overview = await provider.Manager.GetFromJsonAsync<SourcingOverviewView>($"/api/v1/sourcing/overview?providerId={provider.Id}", StewardApp.Json);

        Assert.Equal(0, overview!.Customers);
        Assert.Equal(0, overview.Relationships);
        Assert.All(overview.Kinds.Values, count => Assert.Equal(0, count));
        Assert.Empty(overview.Mismatches);
    }
}
