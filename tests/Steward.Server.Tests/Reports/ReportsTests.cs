using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Steward.Core.Identity;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Reports;

/// <summary>
/// The reports over a day whose every clock is known (<see cref="ReportWorld"/>): exact counts,
/// means and buckets, tenancy, refused input and the two exports read back.
/// </summary>
public sealed class ReportsTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string R = ReportWorld.Reports;
    const string Monday = ReportWorld.Monday;

    static JsonElement Row(JsonElement report, string name) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString()!.StartsWith(name, StringComparison.Ordinal));

    /// <summary>clocks, met, breached, pending, unjudged, compliance (null as -1).</summary>
    static (int, int, int, int, int, double) Counts(JsonElement counts) => (
        counts.GetProperty("clocks").GetInt32(), counts.GetProperty("met").GetInt32(), counts.GetProperty("breached").GetInt32(),
        counts.GetProperty("pending").GetInt32(), counts.GetProperty("unjudged").GetInt32(),
        counts.GetProperty("compliancePercent").ValueKind is JsonValueKind.Null ? -1 : counts.GetProperty("compliancePercent").GetDouble());

    [Fact]
    public async Task Compliance_by_service_counts_each_clock_of_the_records_opened_in_the_period_by_its_outcome()
    {
        var w = await ReportWorld.CreateAsync(app);

        var report = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=service&{Monday}");

        Assert.Equal(2, report.GetProperty("rows").GetArrayLength());
        var mail = Row(report, "E-mail");
        Assert.Equal(w.World.ServiceId.ToString(), mail.GetProperty("key").GetString());
        Assert.Equal((3, 2, 1, 0, 0, 66.7), Counts(mail.GetProperty("firstResponse")));
        Assert.Equal((3, 2, 0, 1, 0, 100.0), Counts(mail.GetProperty("resolution")));
        var web = Row(report, "Web");
        Assert.Equal((1, 0, 1, 0, 0, 0.0), Counts(web.GetProperty("resolution")));
        var total = report.GetProperty("total");
        Assert.Equal((4, 2, 1, 1, 0, 66.7), Counts(total.GetProperty("resolution")));
    }

    [Fact]
    public async Task Compliance_by_priority_and_by_customer_split_the_same_clocks()
    {
        var w = await ReportWorld.CreateAsync(app);

        var byPriority = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=priority&{Monday}");
        var byCustomer = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=customer&{Monday}");

        Assert.Equal(["P2", "P3"], byPriority.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal((3, 2, 0, 1, 0, 100.0), Counts(Row(byPriority, "P3").GetProperty("resolution")));
        Assert.Equal((1, 0, 1, 0, 0, 0.0), Counts(Row(byPriority, "P2").GetProperty("resolution")));
        Assert.Equal((3, 2, 1, 0, 0, 66.7), Counts(Row(byCustomer, "Harbour Bank").GetProperty("firstResponse")));
        Assert.Equal(w.OtherCustomerId.ToString(), Row(byCustomer, "Quay Insurance").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Each_party_is_judged_against_its_own_agreement()
    {
        var w = await ReportWorld.CreateAsync(app);

        var byParty = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=party&{Monday}");
        var parties = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/parties?{Monday}");

        var network = Row(byParty, "Network engineering");
        Assert.Equal(JsonValueKind.Null, network.GetProperty("firstResponse").ValueKind);
        Assert.Equal((1, 0, 1, 0, 0, 0.0), Counts(network.GetProperty("party")));
        var supplier = parties.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Network engineering");
        Assert.Equal("UnderpinningContract", supplier.GetProperty("agreement").GetString());
        Assert.Equal("Underpinning contract", supplier.GetProperty("agreementKind").GetString());
        Assert.Equal("UC-NET-01", supplier.GetProperty("agreementReference").GetString());
        Assert.Equal(w.World.SupplierId, supplier.GetProperty("organizationId").GetGuid());
        var p3 = supplier.GetProperty("byPriority").EnumerateArray().Single();
        Assert.Equal(3, p3.GetProperty("priority").GetInt32());
        Assert.Equal("PT4H", p3.GetProperty("target").GetString());
        Assert.Equal((1, 0, 1, 0, 0, 0.0), Counts(p3.GetProperty("counts")));
        // The service desk works under an operational level agreement with no targets on record: measured, not judged.
        // It held R1 for 2 h, R2 for 3 h and R3 for 10 min before handing it to the network team.
        var desk = parties.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Service desk");
        Assert.Equal("OperationalLevelAgreement", desk.GetProperty("agreement").GetString());
        Assert.Equal((3, 0, 0, 0, 3, -1.0), Counts(desk.GetProperty("counts")));
        Assert.Equal((3, 6200.0, 7200.0), Stats(desk.GetProperty("timeInSteps")));
        Assert.Equal((4, 0, 1, 0, 3, 0.0), Counts(byParty.GetProperty("total").GetProperty("party")));
    }

    [Fact]
    public async Task Response_times_are_means_and_medians_in_business_and_wall_time_per_priority_and_week()
    {
        var w = await ReportWorld.CreateAsync(app);

        var report = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/response-times?{Monday}");

        var p3 = report.GetProperty("byPriority").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "3");
        Assert.Equal(3, p3.GetProperty("records").GetInt32());
        // Responses: 30 min, 3 h (R2, when resolved), 10 min; resolutions: 2 h and 3 h, all in office hours.
        Assert.Equal((3, 4400.0, 1800.0), Stats(p3.GetProperty("respondBusiness")));
        Assert.Equal((3, 4400.0, 1800.0), Stats(p3.GetProperty("respondWall")));
        Assert.Equal((2, 9000.0, 9000.0), Stats(p3.GetProperty("resolveBusiness")));
        Assert.Equal((2, 9000.0, 9000.0), Stats(p3.GetProperty("resolveWall")));
        var week = report.GetProperty("byWeek").EnumerateArray().Single();
        Assert.Equal("2026-W49", week.GetProperty("key").GetString());
        Assert.Equal("2026-11-30", week.GetProperty("weekStart").GetString());
        Assert.Equal(4, week.GetProperty("records").GetInt32());
    }

    static (int, double, double) Stats(JsonElement s) =>
        (s.GetProperty("count").GetInt32(), s.GetProperty("meanSeconds").GetDouble(), s.GetProperty("medianSeconds").GetDouble());

    [Fact]
    public async Task The_backlog_counts_open_records_by_state_and_age_and_the_flow_per_day()
    {
        var w = await ReportWorld.CreateAsync(app);

        var report = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/backlog?kind=incident&from=2026-11-25&to=2026-11-30");

        Assert.Equal(3, report.GetProperty("open").GetInt32());
        var ages = report.GetProperty("byAge").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["lt1d"] = 2, ["1to3d"] = 0, ["3to7d"] = 1, ["7to30d"] = 0, ["gt30d"] = 0 }, ages);
        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(6, days.Count);
        Assert.Equal(("2026-11-25", 1, 0), Day(days[0]));
        Assert.Equal(("2026-11-30", 4, 2), Day(days[5]));
        Assert.Equal(5, days.Sum(d => d.GetProperty("opened").GetInt32()));
        var states = report.GetProperty("byState").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["New"] = 3, ["InProgress"] = 0, ["OnHold"] = 0 }, states);
    }

    static (string, int, int) Day(JsonElement d) => (d.GetProperty("day").GetString()!, d.GetProperty("opened").GetInt32(), d.GetProperty("resolved").GetInt32());

    [Fact]
    public async Task A_customers_people_see_only_their_records_and_no_other_providers_data_appears()
    {
        var w = await ReportWorld.CreateAsync(app);
        var foreign = await ReportWorld.CreateAsync(app);

        var requester = await w.World.Requester.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=customer&{Monday}");
        var requesterBacklog = await w.World.Requester.GetFromJsonAsync<JsonElement>($"{R}/backlog?{Monday}");
        var agent = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/sla-compliance?by=customer&{Monday}");
        var foreignParties = await foreign.World.Agent.GetFromJsonAsync<JsonElement>($"{R}/parties?{Monday}");
        var asked = await w.World.Requester.GetFromJsonAsync<JsonElement>($"{R}/backlog?customerId={w.OtherCustomerId}&{Monday}");

        Assert.Equal([w.World.CustomerId.ToString()], requester.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(3, requester.GetProperty("total").GetProperty("resolution").GetProperty("clocks").GetInt32());
        Assert.Equal(2, requesterBacklog.GetProperty("open").GetInt32());
        Assert.Equal(0, asked.GetProperty("open").GetInt32());
        // Each provider's agent sees its own two customers, never the other provider's.
        Assert.Equal(new[] { w.World.CustomerId, w.OtherCustomerId }.Select(g => g.ToString()).Order(),
            agent.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Order());
        Assert.DoesNotContain(foreignParties.GetProperty("parties").EnumerateArray(), p => p.GetProperty("partyId").GetGuid() == w.World.Network.Id);
    }

    [Theory]
    [InlineData("sla-compliance?from=yesterday", "from")]
    [InlineData("sla-compliance?to=2026-13-01", "to")]
    [InlineData("backlog?from=2026-12-01&to=2026-11-01", "to")]
    [InlineData("backlog?from=2020-01-01&to=2026-11-01", "from")]
    [InlineData("response-times?kind=problem", "kind")]
    [InlineData("parties?serviceId=not-a-guid", "serviceId")]
    [InlineData("parties?customerId=1", "customerId")]
    [InlineData("sla-compliance?priority=9", "priority")]
    [InlineData("sla-compliance?by=team", "by")]
    [InlineData("backlog?format=pdf", "format")]
    [InlineData("response-times?zone=Mars/Olympus", "zone")]
    [InlineData("sla-compliance?kind=1", "kind")]
    [InlineData("sla-compliance?serviceId=%27%20OR%201%3D1--", "serviceId")]
    [InlineData("backlog?from=2026-11-01T25:00:00Z", "from")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        using var client = (await app.AddPersonAsync(await app.AdminOrganizationIdAsync(), Roles.Agent)).Client;

        var response = await client.GetAsync($"{R}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_csv_export_has_a_header_row_and_the_same_numbers()
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Agent.GetAsync($"{R}/sla-compliance?by=service&{Monday}&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("steward-sla-compliance-by-service-2026-11-30-to-2026-11-30.csv", response.Content.Headers.ContentDisposition!.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("Key,Service,First response clocks,First response met,First response breached,First response pending,First response unjudged,First response compliance %,Resolution clocks", lines[0], StringComparison.Ordinal);
        var mail = lines.Single(l => l.StartsWith(w.World.ServiceId.ToString(), StringComparison.Ordinal));
        Assert.Contains(",3,2,1,0,0,66.7,3,2,0,1,0,100,", mail, StringComparison.Ordinal);
        Assert.StartsWith(",Total,4,", lines[^2], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task The_xlsx_export_opens_with_typed_numeric_cells_under_a_header_row()
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Agent.GetAsync($"{R}/backlog?kind=incident&from=2026-11-25&to=2026-11-30&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("steward-backlog-incidents-2026-11-25-to-2026-11-30.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(["Section", "Key", "Name", "Open", "Opened", "Resolved"], rows[0].Elements<Cell>().Select(Text));
        var age = rows.Single(r => r.Elements<Cell>().Select(Text).Take(2).SequenceEqual(["age", "3to7d"]));
        var open = age.Elements<Cell>().Single(c => c.CellReference == $"D{age.RowIndex}");
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, open.DataType!.Value);
        Assert.Equal(1, double.Parse(open.CellValue!.Text, CultureInfo.InvariantCulture));
        var monday = rows.Single(r => r.Elements<Cell>().Select(Text).Take(2).SequenceEqual(["day", "2026-11-30"]));
        Assert.Equal(["4", "2"], monday.Elements<Cell>().Where(c => c.CellReference!.Value!.StartsWith('E') || c.CellReference!.Value!.StartsWith('F')).Select(c => c.CellValue!.Text));
    }

    static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
