using System.Net;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>/api/v1/finance/supplier-charges: amounts and periods on the provider's own underpinning contracts.</summary>
public sealed class SupplierChargesApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_charge_on_an_underpinning_contract_is_the_contracts_providers_and_is_read_back()
    {
        var f = await StartAsync(app);
        var supplier = await f.Provider.SupplierAsync("Sabine");
        var service = await f.Provider.ServiceAsync("Clinical systems", "incident-management");
        var contract = await f.ContractAsync(supplier.Id, service.Id);

        var created = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 10500, currency = "EUR", period = "Monthly", start = "2026-08-01" });
        var charge = await created.ReadAsync<JsonElement>();
        var listed = await (await f.Manager.GetAsync($"{SupplierCharges}?agreementId={contract}")).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((f.ProviderId, 10500m, "Monthly", "2026-08-01"), (charge.GetProperty("providerId").GetGuid(), charge.GetProperty("amount").GetDecimal(),
            charge.GetProperty("period").GetString(), charge.GetProperty("start").GetString()));
        Assert.Equal([Id(charge)], listed.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(["Created"], await f.JournalAsync(Id(charge)));
    }

    [Fact]
    public async Task Charges_go_on_the_providers_own_underpinning_contracts_only()
    {
        var f = await StartAsync(app);
        var supplier = await f.Provider.SupplierAsync("Bluewire");
        var customer = await f.Provider.CustomerAsync("Alder");
        var sla = await f.ContractAsync(f.ProviderId, type: "ServiceLevelAgreement", accountableId: customer.Id);
        var customersContract = await f.ContractAsync(supplier.Id, accountableId: customer.Id);

        var onSla = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = sla, amount = 1, currency = "EUR", start = "2026-08-01" });
        var onCustomers = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = customersContract, amount = 1, currency = "EUR", start = "2026-08-01" });
        var onNothing = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = Guid.NewGuid(), amount = 1, currency = "EUR", start = "2026-08-01" });

        await AssertRefusedAsync(onSla, "agreementId");
        await AssertRefusedAsync(onCustomers, "agreementId");
        await AssertRefusedAsync(onNothing, "agreementId");
    }

    [Fact]
    public async Task Bad_dates_customers_amounts_and_currencies_are_refused_naming_the_field()
    {
        var f = await StartAsync(app);
        var other = await StartAsync(app);
        var supplier = await f.Provider.SupplierAsync("Cloudrock");
        var contract = await f.ContractAsync(supplier.Id);
        var notServed = await other.Provider.CustomerAsync("Elsewhere");

        var ended = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 1, currency = "EUR", start = "2026-08-01", end = "2026-07-31" });
        var customer = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 1, currency = "EUR", start = "2026-08-01", customerId = notServed.Id });
        var negative = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = -1, currency = "EUR", start = "2026-08-01" });
        var currency = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 1, currency = "Euro", start = "2026-08-01" });
        var period = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 1, currency = "EUR", start = "2026-08-01", period = "Weekly" });

        await AssertRefusedAsync(ended, "end");
        await AssertRefusedAsync(customer, "customerId");
        await AssertRefusedAsync(negative, "amount");
        await AssertRefusedAsync(currency, "currency");
        await AssertRefusedAsync(period, "period");
    }

    [Fact]
    public async Task A_renegotiated_price_is_a_change_under_the_etag_or_a_new_row_and_the_contract_stays()
    {
        var f = await StartAsync(app);
        var supplier = await f.Provider.SupplierAsync("Cloudrock");
        var contract = await f.ContractAsync(supplier.Id);
        var other = await f.ContractAsync(supplier.Id);
        var created = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 6000, currency = "EUR", start = "2026-01-01", end = "2026-06-30" });
        var id = Id(await created.ReadAsync<JsonElement>());

        var moved = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{SupplierCharges}/{id}", new { agreementId = other, amount = 6000, currency = "EUR", start = "2026-01-01" }, "*");
        var changed = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{SupplierCharges}/{id}",
            new { agreementId = contract, amount = 6200, currency = "EUR", start = "2026-01-01", end = "2026-06-30", note = "indexed" }, created.Headers.ETag!.Tag);
        var renewed = await f.Manager.PostJsonAsync(SupplierCharges, new { agreementId = contract, amount = 6500, currency = "EUR", start = "2026-07-01" });

        await AssertRefusedAsync(moved, "agreementId");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(6200m, (await changed.ReadAsync<JsonElement>()).GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
    }
}
