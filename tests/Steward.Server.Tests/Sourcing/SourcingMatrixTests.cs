using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

public sealed class SourcingMatrixTests(StewardApp app) : IClassFixture<StewardApp>
{
    static MatrixCell Cell(SourcingMatrix matrix, Guid serviceId, string processKey) =>
        matrix.Services.Single(s => s.ServiceId == serviceId).Cells.Single(c => c.ProcessKey == processKey);

    [Fact]
    public async Task The_matrix_for_one_customer_shows_who_performs_and_answers_for_each_process_of_its_services()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var matrix = await world.Provider.Manager.GetFromJsonAsync<SourcingMatrix>(
            $"/api/v1/sourcing/matrix?providerId={world.ProviderId}&customerId={world.Alpha.Id}", StewardApp.Json);

        Assert.Equal(world.Alpha.Id, matrix!.Customer?.Id);
        Assert.Equal(["change-management", "incident-management"], matrix.Processes.Select(p => p.Key));
        Assert.Equal(["Hosting", "Workplace"], matrix.Services.Select(s => s.ServiceName));
        var hosting = matrix.Services[0];
        Assert.Equal(SourcingKind.ProcessOutsourcing, hosting.Kind);
        Assert.Equal(SourcingKind.ServiceOutsourcing, hosting.ClaimedKind);
        Assert.True(hosting.Mismatch);
        Assert.Equal(SourcingKind.ServiceOutsourcing, matrix.Services[1].Kind);
        var inHouse = Cell(matrix, world.Hosting.Id, "change-management");
        Assert.Equal(AssignmentSource.InHouse, inHouse.Source);
        Assert.Equal(world.Alpha.Id, inHouse.Performer?.Id);
        var byTeam = Cell(matrix, world.Workplace.Id, "incident-management");
        Assert.Equal(world.Team.Id, byTeam.Performer?.Id);
        Assert.Equal(world.ProviderId, byTeam.Accountable?.Id);
        Assert.Equal(AssignmentSource.ServiceWide, byTeam.Source);
        Assert.Equal(2, matrix.ByProcess.Single(p => p.ProcessKey == "incident-management").Services.Count);
    }

    [Fact]
    public async Task The_service_wide_matrix_shows_the_assignments_for_everyone_with_each_customers_overrides()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var matrix = await world.Provider.Manager.GetFromJsonAsync<SourcingMatrix>($"/api/v1/sourcing/matrix?providerId={world.ProviderId}", StewardApp.Json);

        Assert.Null(matrix!.Customer);
        Assert.Equal(["Hosting", "Workplace"], matrix.Services.Select(s => s.ServiceName));
        Assert.All(matrix.Services, s => Assert.Null(s.Kind));
        var workplace = matrix.Services[1];
        Assert.Equal(1, workplace.Kinds[SourcingKind.ServiceOutsourcing]);
        Assert.Equal(1, workplace.Kinds[SourcingKind.ProcessOutsourcing]);
        var change = Cell(matrix, world.Workplace.Id, "change-management");
        Assert.Equal(world.ProviderId, change.Performer?.Id);
        Assert.Equal(AssignmentSource.ServiceWide, change.Source);
        var beta = Assert.Single(change.CustomerOverrides);
        Assert.Equal(world.Beta.Id, beta.Customer.Id);
        Assert.Equal(world.Beta.Id, beta.Performer.Id);
        Assert.Equal(world.Beta.Id, beta.Accountable?.Id);
        Assert.Equal(world.BetaOverrideId, beta.AssignmentId);
        var nobody = Cell(matrix, world.Hosting.Id, "change-management");
        Assert.Null(nobody.Performer);
        Assert.Equal(AssignmentSource.InHouse, nobody.Source);
        var changeRow = matrix.ByProcess.Single(p => p.ProcessKey == "change-management");
        Assert.Equal([world.Hosting.Id, world.Workplace.Id], changeRow.Services.Select(s => s.ServiceId));
        Assert.Single(changeRow.Services[1].Customers);
    }

    [Fact]
    public async Task A_service_lacking_a_process_of_another_gets_a_cell_marked_outside_the_service()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var extra = await world.Provider.SubscribedServiceAsync("Printing", ["problem-management"], world.Alpha.Id);

        var matrix = await world.Provider.Manager.GetFromJsonAsync<SourcingMatrix>($"/api/v1/sourcing/matrix?providerId={world.ProviderId}", StewardApp.Json);

        Assert.Equal(3, matrix!.Processes.Count);
        Assert.All(matrix.Services, s => Assert.Equal(matrix.Processes.Select(p => p.Key), s.Cells.Select(c => c.ProcessKey)));
        Assert.False(Cell(matrix, extra.Id, "incident-management").InService);
        Assert.True(Cell(matrix, extra.Id, "problem-management").InService);
    }

    [Fact]
    public async Task The_service_wide_matrix_still_answers_after_a_customer_with_its_own_assignments_stops_subscribing()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var leaver = await provider.CustomerAsync("Leaver");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);
        var subscription = await provider.SubscribeAsync(offering.Id, leaver.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id, customerId: leaver.Id);
        var ended = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/subscriptions/{subscription.Id}",
            new { offeringId = offering.Id, start = "2024-01-01", end = "2024-12-31", chargeAmount = 100, chargeCurrency = "EUR" }, "\"0\"");

        var matrix = await provider.Manager.GetAsync($"/api/v1/sourcing/matrix?providerId={provider.Id}");
        var export = await provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?providerId={provider.Id}&format=csv");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, matrix.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task A_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Careful");
        await provider.SubscribedServiceAsync("=1+2", ["incident-management"], customer.Id);

        var response = await provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?providerId={provider.Id}&format=csv");

        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("'=1+2,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_starts_with_a_byte_order_mark_and_the_service_column()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var response = await world.Provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?providerId={world.ProviderId}&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Service,", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Service,Type,Lifecycle,Kinds (customers),Change management,Incident management", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Hosting,Business,Pipeline,ProcessOutsourcing 1,Each customer (in-house),", lines[1], StringComparison.Ordinal);
        Assert.Contains("1 customer override(s)", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_export_is_a_workbook_package()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var response = await world.Provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?providerId={world.ProviderId}&customerId={world.Alpha.Id}&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_with_400_naming_format()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);

        var response = await world.Provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?providerId={world.ProviderId}&format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["format"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_matrix_pages_download_link_serves_the_same_export_to_the_signed_in_and_no_one_else()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var (_, betasRequester) = await app.AddPersonAsync(world.Beta.Id, Core.Identity.Roles.Requester);
        var query = $"providerId={world.ProviderId}&customerId={world.Alpha.Id}&format=csv";

        var page = await world.Provider.Manager.GetAsync($"/sourcing/matrix/export?{query}");
        var api = await world.Provider.Manager.GetAsync($"/api/v1/sourcing/matrix/export?{query}");
        var anonymous = await app.ClientWith(null).GetAsync($"/sourcing/matrix/export?{query}");
        var otherCustomer = await betasRequester.GetAsync($"/sourcing/matrix/export?{query}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(await api.Content.ReadAsByteArrayAsync(), await page.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCustomer.StatusCode);
    }
}
