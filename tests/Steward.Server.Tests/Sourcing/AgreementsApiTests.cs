using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

public sealed class AgreementsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Url = "/api/v1/sourcing/agreements";

    [Fact]
    public async Task A_recorded_agreement_reads_back_and_an_update_needs_the_current_etag()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var supplier = await provider.SupplierAsync("Couriers");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var body = new
        {
            providerId = provider.Id, type = "UnderpinningContract", accountableId = provider.Id, counterpartyId = supplier.Id,
            serviceId = service.Id, processKey = "incident-management", reference = "UC-7", measures = (string[])["Time to engage"], signedOn = "2026-02-01",
        };

        var created = await ProviderBuilder.CreatedAsync<AgreementView>(await provider.Manager.PostJsonAsync(Url, body));
        var missing = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{created.Id}", body with { reference = "UC-7b" }, null);
        var fresh = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{created.Id}", body with { reference = "UC-7b" }, "\"0\"");
        var read = await provider.Manager.GetFromJsonAsync<AgreementView>($"{Url}/{created.Id}", StewardApp.Json);

        Assert.Equal(AgreementType.UnderpinningContract, created.Type);
        Assert.Equal(new LocalDate(2026, 2, 1), created.SignedOn);
        Assert.Equal(["Time to engage"], created.Measures);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("UC-7b", read!.Reference);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task An_operational_level_agreement_is_with_a_team_of_the_accountable_organization_only()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Own Teams");
        var customersTeam = await provider.TeamAsync("Customer desk", customer.Id);

        var otherOrganizationsTeam = await provider.Manager.PostJsonAsync(Url, new
        {
            providerId = provider.Id, type = "OperationalLevelAgreement", accountableId = provider.Id, counterpartyId = customersTeam.Id, reference = "OLA-1",
        });
        var teamOnAnSla = await provider.Manager.PostJsonAsync(Url, new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customer.Id, counterpartyId = customersTeam.Id, reference = "SLA-1",
        });
        var teamAccountable = await provider.Manager.PostJsonAsync(Url, new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customersTeam.Id, counterpartyId = provider.Id, reference = "SLA-2",
        });

        Assert.Equal(HttpStatusCode.BadRequest, otherOrganizationsTeam.StatusCode);
        Assert.Equal(["counterpartyId"], await otherOrganizationsTeam.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, teamOnAnSla.StatusCode);
        Assert.Equal(["counterpartyId"], await teamOnAnSla.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, teamAccountable.StatusCode);
        Assert.Equal(["accountableId"], await teamAccountable.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_review_before_the_signature_is_refused_and_an_agreement_stays_with_its_provider()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Reviewed");
        var body = new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customer.Id, counterpartyId = provider.Id, reference = "SLA-R",
            signedOn = "2026-03-01", lastReviewedOn = "2026-02-01",
        };
        var valid = await ProviderBuilder.CreatedAsync<AgreementView>(await provider.Manager.PostJsonAsync(Url, body with { lastReviewedOn = "2026-04-01" }));

        var early = await provider.Manager.PostJsonAsync(Url, body);
        var moved = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{valid.Id}", body with { providerId = customer.Id, lastReviewedOn = "2026-04-01" }, "\"0\"");

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal(["lastReviewedOn"], await early.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal(["providerId"], await moved.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_deleted_agreement_is_gone_and_its_history_stays_in_the_journal()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Cancelled");
        var agreement = await ProviderBuilder.CreatedAsync<AgreementView>(await provider.Manager.PostJsonAsync(Url, new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customer.Id, counterpartyId = provider.Id, reference = "SLA-X",
        }));

        var deleted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Url}/{agreement.Id}", null, "\"0\"");
        var read = await provider.Manager.GetAsync($"{Url}/{agreement.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={agreement.Id}");
        Assert.Equal(["Deleted", "Created"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }
}
