using System.Net.Http.Json;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

public sealed class Iso20000ScopeTests(StewardApp app) : IClassFixture<StewardApp>
{
    static async Task<Iso20000ScopeView> ScopeAsync(ProviderBuilder provider) =>
        (await provider.Manager.GetFromJsonAsync<Iso20000ScopeView>($"/api/v1/sourcing/iso20000-scope?organizationId={provider.Id}", StewardApp.Json))!;

    [Fact]
    public async Task A_service_delivered_whole_is_in_scope_and_partial_sourcing_is_excluded_with_a_reason()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var scope = await ScopeAsync(world.Provider);

        Assert.Equal(world.ProviderId, scope.Organization.Id);
        var scoped = Assert.Single(scope.Services);
        Assert.Equal(world.Workplace.Id, scoped.ServiceId);
        Assert.False(scoped.Internal);
        Assert.Equal([world.Alpha.Id], scoped.Customers.Select(c => c.Id));
        Assert.Equal([(world.Hosting.Id, world.Alpha.Id), (world.Workplace.Id, world.Beta.Id)], scope.Excluded.Select(e => (e.ServiceId, e.Customer.Id)));
        Assert.All(scope.Excluded, e => Assert.Equal(SourcingKind.ProcessOutsourcing, e.Kind));
        Assert.All(scope.Excluded, e => Assert.Contains("clause 8.2.3", e.Reason, StringComparison.Ordinal));
        Assert.StartsWith($"The service management system of {world.Provider.Provider.Name} covers", scope.Statement, StringComparison.Ordinal);
        Assert.Contains($"Workplace for {world.Alpha.Name}", scope.Statement, StringComparison.Ordinal);
        Assert.Contains("Out of scope: 2 relationship(s)", scope.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_names_the_agreements_the_scope_relies_on_and_whether_they_are_in_place()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        await ProviderBuilder.CreatedAsync<AgreementView>(await world.Provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = world.ProviderId, type = "OperationalLevelAgreement", accountableId = world.ProviderId, counterpartyId = world.Team.Id,
            reference = "OLA-DESK", measures = (string[])["Mean time to respond"],
        }));

        var scope = await ScopeAsync(world.Provider);

        Assert.Equal([AgreementType.ServiceLevelAgreement, AgreementType.OperationalLevelAgreement], scope.Checklist.Select(c => c.Type));
        var sla = scope.Checklist[0];
        Assert.Equal((world.Alpha.Id, world.ProviderId), (sla.Accountable.Id, sla.Counterparty.Id));
        Assert.False(sla.AgreementInPlace);
        Assert.True(sla.MeasuresDefined);
        var ola = scope.Checklist[1];
        Assert.Equal(world.Team.Id, ola.Counterparty.Id);
        Assert.Equal("incident-management", ola.ProcessKey);
        Assert.True(ola.AgreementInPlace);
        Assert.True(ola.MeasuresDefined);
    }

    [Fact]
    public async Task Work_a_supplier_operates_in_a_scoped_service_is_named_as_controlled_by_the_provider()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Retailer");
        var supplier = await provider.SupplierAsync("Field Engineers");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);
        await provider.AssignAsync(service.Id, "incident-management", supplier.Id, activityKey: "incident-management/resolution-and-recovery");

        var scope = await ScopeAsync(provider);

        var operated = Assert.Single(Assert.Single(scope.Services).OperatedByOtherParties);
        Assert.Equal(supplier.Id, operated.Party.Id);
        Assert.Equal(AgreementType.UnderpinningContract, operated.Agreement);
        Assert.False(operated.WholeProcess);
        Assert.Equal(["incident-management/resolution-and-recovery"], operated.ActivityKeys);
        Assert.Contains($"by {supplier.Name} (underpinning contract)", scope.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_service_nobody_else_subscribes_to_is_in_scope_as_internal()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var created = await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Payroll", type = "Supporting", lifecycle = "Live", processKeys = (string[])["incident-management"],
        });
        var payroll = await ProviderBuilder.CreatedAsync<Steward.Server.Portfolio.ServiceView>(created);

        var scope = await ScopeAsync(provider);

        var scoped = Assert.Single(scope.Services);
        Assert.Equal(payroll.Id, scoped.ServiceId);
        Assert.True(scoped.Internal);
        Assert.Empty(scope.Excluded);
        Assert.Contains("Payroll (internal)", scope.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_business_service_nobody_subscribes_to_is_delivered_to_no_one_and_stays_out()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        await provider.Manager.PostJsonAsync("/api/v1/services", new
        {
            providerId = provider.Id, name = "Unsold", type = "Business", lifecycle = "Live", processKeys = (string[])["incident-management"],
        });
        var own = await provider.ServiceAsync("Own desk", "incident-management");
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{own.Id}", new { name = "Own desk", type = "Business", lifecycle = "Live" }, "\"0\"");
        await provider.SubscribeAsync((await provider.OfferingAsync(own.Id)).Id, provider.Id);

        var scope = await ScopeAsync(provider);

        Assert.Equal(["Own desk"], scope.Services.Select(s => s.ServiceName));
        Assert.True(scope.Services[0].Internal);
    }
}
