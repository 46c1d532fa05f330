using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Finance;
using Steward.Core.Parties;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Finance;

/// <summary>
/// Labour's bookings: work logged on a record is booked to its customer, service and kind of sourcing,
/// and follows the record to another service; a payee's cost rates hold until the next one.
/// </summary>
public sealed class LabourBookingTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task Work_logged_on_a_record_is_booked_to_its_customer_service_and_kind_and_follows_a_change_of_service()
    {
        var world = await IncidentWorld.CreateAsync(app);
        var other = await world.Provider.SubscribedServiceAsync("Telephony " + ProviderBuilder.Unique(), ["incident-management"], world.CustomerId);
        var incident = await world.RaiseAsync();
        var id = incident.GetProperty("id").GetGuid();
        await ProviderBuilder.CreatedAsync<JsonElement>(await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{id}/worklog", new { minutes = 30 }));
        var before = await BookingsAsync(id);

        var current = await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{id}");
        var moved = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{IncidentWorld.Incidents}/{id}", new { serviceId = other.Id }, current.Headers.ETag!.Tag);
        await ProviderBuilder.CreatedAsync<JsonElement>(await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{id}/worklog", new { minutes = 15 }));
        var after = await BookingsAsync(id);
        var record = await RecordAsync(id);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var first = Assert.Single(before);
        Assert.Equal((world.CustomerId, (Guid?)world.ServiceId), (first.CustomerId, first.ServiceId));
        Assert.Equal(Core.Sourcing.SourcingKind.ServiceOutsourcing, first.SourcingKind);
        Assert.Equal(2, after.Count);
        Assert.All(after, e => Assert.Equal((world.CustomerId, (Guid?)other.Id, record.SourcingKind), (e.CustomerId, e.ServiceId, e.SourcingKind)));
        Assert.NotEqual(first.SourcingKind, record.SourcingKind);
    }

    [Fact]
    public async Task A_payees_rates_each_hold_until_the_next_after_every_insert_change_and_delete()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var (person, _) = await app.AddPersonAsync(provider.Id, Core.Identity.Roles.Agent);
        async Task<JsonElement> Add(string from, decimal amount) =>
            await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/cost-rates", new { personId = person.Id, hourlyAmount = amount, currency = "EUR", validFrom = from }));

        var march = await Add("2026-03-16", 72m);
        await Add("2026-01-01", 60.12345m);
        var afterInserts = await ChainAsync(person.Id);
        var june = await Add("2026-06-01", 80m);
        var moved = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/cost-rates/{Id(march)}", new { hourlyAmount = 72m, currency = "EUR", validFrom = "2026-07-01" }, "*");
        var afterMove = await ChainAsync(person.Id);
        var deleted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/cost-rates/{Id(june)}", null, "*");
        var afterDelete = await ChainAsync(person.Id);

        Assert.Equal([(D(2026, 1, 1), D(2026, 3, 16), 601235L), (D(2026, 3, 16), null, 720000L)], afterInserts);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal([(D(2026, 1, 1), D(2026, 6, 1), 601235L), (D(2026, 6, 1), D(2026, 7, 1), 800000L), (D(2026, 7, 1), null, 720000L)], afterMove);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([(D(2026, 1, 1), D(2026, 7, 1), 601235L), (D(2026, 7, 1), null, 720000L)], afterDelete);
    }

    static LocalDate? D(int year, int month, int day) => new LocalDate(year, month, day);

    static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    Task<List<(LocalDate?, LocalDate?, long)>> ChainAsync(Guid personId) => app.AsSystemAsync(async (db, _) =>
        (await db.CostRates.Where(c => c.PersonId == personId).ToListAsync()).OrderBy(c => c.ValidFrom)
            .Select(c => ((LocalDate?)c.ValidFrom, c.ValidUntil, c.HourlyUnits)).ToList());

    Task<List<Core.Records.WorkLogEntry>> BookingsAsync(Guid recordId) => app.AsSystemAsync((db, _) => db.WorkLog.AsNoTracking().Where(w => w.RecordId == recordId).ToListAsync());

    Task<Core.Records.WorkRecord> RecordAsync(Guid recordId) => app.AsSystemAsync((db, _) => db.WorkRecords.AsNoTracking().SingleAsync(r => r.Id == recordId));
}
