using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Finance;
using Steward.Core.Records;
using Steward.Server.Finance;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Finance;

/// <summary>
/// The work log's monthly rollup, which the P&amp;L reads, is the GROUP BY of the work log at every
/// moment: after work logged at random (people, records, parties, days across months) by two
/// contexts at once, after records change service (their entries booked again) and back, and after a
/// rebuild from the entries.
/// </summary>
public sealed class WorkLogRollupTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task The_rollup_equals_the_work_log_grouped_by_month_and_booking_after_concurrent_logging_and_rebooking(int seed)
    {
        var world = await IncidentWorld.CreateAsync(app);
        var other = await world.Provider.SubscribedServiceAsync("Telephony " + ProviderBuilder.Unique(), ["incident-management"], world.CustomerId);
        var records = new List<Guid>();
        for (var i = 0; i < 3; i++) records.Add((await world.RaiseAsync($"Rollup {i}")).GetProperty("id").GetGuid());
        var (second, _) = await app.AddPersonAsync(world.Provider.Id, Core.Identity.Roles.Agent);
        var (third, _) = await app.AddPersonAsync(world.Provider.Id, Core.Identity.Roles.Agent);
        Guid[] people = [world.AgentId, second.Id, third.Id];
        Guid?[] parties = [null, world.ServiceDesk.Id, world.Network.Id];
        var random = new Random(seed);

        await LogConcurrentlyAsync(random, records, people, parties, 40);
        var (logged, loggedGrouped) = (await RollupAsync(world.Provider.Id), await GroupedAsync(world.Provider.Id));
        await MoveAsync(world, records[0], other.Id);
        await MoveAsync(world, records[1], other.Id);
        var (moved, movedGrouped) = (await RollupAsync(world.Provider.Id), await GroupedAsync(world.Provider.Id));
        await LogConcurrentlyAsync(random, records, people, parties, 25);
        await MoveAsync(world, records[0], world.ServiceId);
        var (final, finalGrouped) = (await RollupAsync(world.Provider.Id), await GroupedAsync(world.Provider.Id));
        await app.AsSystemAsync(async (db, _) => { await WorkLogRollup.RebuildAsync(db, world.Provider.Id, default); return true; });
        var rebuilt = await RollupAsync(world.Provider.Id);

        Assert.Equal(loggedGrouped, logged);
        Assert.Equal(movedGrouped, moved);
        Assert.Equal(finalGrouped, final);
        Assert.Equal(final, rebuilt);
        // The checks above would pass on an empty rollup, or one that never changed: the work spans
        // months, people and bookings (none among them), all of it is counted, and it moved.
        Assert.True(final.Select(r => r.Month).Distinct().Count() >= 3);
        Assert.Equal(3, final.Select(r => r.PersonId).Distinct().Count());
        Assert.Contains(logged, r => r.ServiceId == Guid.Empty && r.SourcingKind == "");
        Assert.Contains(logged, r => r.PartyId == Guid.Empty);
        Assert.Equal(2 * 40 + 2 * 25, final.Sum(r => r.Entries));
        Assert.DoesNotContain(logged, r => r.ServiceId == other.Id);
        Assert.Contains(moved, r => r.ServiceId == other.Id);
        Assert.Equal(logged.Sum(r => r.Minutes), moved.Sum(r => r.Minutes));
    }

    [Fact]
    public async Task Labour_costed_from_the_rollup_and_the_entries_equals_labour_costed_from_the_entries_alone_in_whole_and_partial_months()
    {
        var world = await IncidentWorld.CreateAsync(app);
        var other = await world.Provider.SubscribedServiceAsync("Telephony " + ProviderBuilder.Unique(), ["incident-management"], world.CustomerId);
        var records = new List<Guid>();
        for (var i = 0; i < 3; i++) records.Add((await world.RaiseAsync($"Costed {i}")).GetProperty("id").GetGuid());
        var (second, _) = await app.AddPersonAsync(world.Provider.Id, Core.Identity.Roles.Agent);
        var (third, _) = await app.AddPersonAsync(world.Provider.Id, Core.Identity.Roles.Agent);
        // The agent's rate changes inside March and at the start of April (in another currency); the
        // second person's first rate starts inside February; the third has none.
        foreach (var (person, amount, currency, from) in new[]
        {
            (world.AgentId, 60m, "EUR", "2026-01-01"), (world.AgentId, 72.5m, "EUR", "2026-03-16"), (world.AgentId, 80m, "GBP", "2026-04-01"),
            (second.Id, 50.1234m, "EUR", "2026-02-10"),
        })
            await ProviderBuilder.CreatedAsync<System.Text.Json.JsonElement>(await world.Provider.Manager.PostJsonAsync("/api/v1/cost-rates",
                new { personId = person, hourlyAmount = amount, currency, validFrom = from }));
        await LogConcurrentlyAsync(new Random(11), records, [world.AgentId, second.Id, third.Id], [null, world.ServiceDesk.Id], 40);
        await MoveAsync(world, records[1], other.Id);

        (LocalDate, LocalDate, Guid?)[] slices =
        [
            .. Enumerable.Range(1, 5).Select(m => (new LocalDate(2026, m, 1), new LocalDate(2026, m, 1).With(DateAdjusters.EndOfMonth), (Guid?)null)),
            (new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31), world.CustomerId), (new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 30), world.CustomerId),
            (new LocalDate(2026, 2, 5), new LocalDate(2026, 2, 28), null), (new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 9), null),
        ];
        foreach (var (first, last, customer) in slices)
        {
            var (read, expected) = await app.AsSystemAsync(async (db, _) =>
                (await LabourCounts.ByPersonRatesAsync(db, world.Provider.Id, first, last, customer, default), await CostedFromEntriesAsync(db, world.Provider.Id, first, last)));
            Assert.Equal(Sorted(expected), Sorted(read));
            Assert.NotEmpty(read);
        }
    }

    /// <summary>Each entry of the days costed by its person's rate in force that day, summed per booking and currency in .NET.</summary>
    static async Task<List<LabourSum>> CostedFromEntriesAsync(Core.StewardDbContext db, Guid providerId, LocalDate first, LocalDate last)
    {
        var entries = await db.WorkLog.AsNoTracking().Where(w => w.ProviderId == providerId && w.On >= first && w.On <= last).ToListAsync();
        var people = entries.Select(w => w.PersonId).Distinct().ToList();
        var rates = await db.CostRates.AsNoTracking().Where(r => r.PersonId != null && people.Contains(r.PersonId.Value)).ToListAsync();
        return [.. (from w in entries
                    from r in rates
                    where r.PersonId == w.PersonId && w.On >= r.ValidFrom && (r.ValidUntil == null || w.On < r.ValidUntil)
                    group (w, r) by (w.ServiceId, w.CustomerId, w.SourcingKind, r.Currency) into g
                    select new LabourSum(g.Key.ServiceId, g.Key.CustomerId, g.Key.SourcingKind, g.Key.Currency,
                        g.Sum(x => (long)x.w.Minutes * x.r.HourlyUnits), g.Sum(x => (long)x.w.Minutes), g.Count()))];
    }

    static List<LabourSum> Sorted(List<LabourSum> sums) =>
        [.. sums.OrderBy(s => s.ServiceId).ThenBy(s => s.CustomerId).ThenBy(s => s.Kind).ThenBy(s => s.Currency, StringComparer.Ordinal)];

    /// <summary>
    /// Two contexts log <paramref name="each"/> entries each at once, saving every few. The record is
    /// read untracked and, for some entries, stripped of its service and performer first, so that
    /// the rollup also counts work booked to no service, kind of sourcing or party.
    /// </summary>
    async Task LogConcurrentlyAsync(Random random, List<Guid> records, Guid[] people, Guid?[] parties, int each)
    {
        var plans = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, each).Select(_ => (
            Record: records[random.Next(records.Count)], Person: people[random.Next(people.Length)], Party: parties[random.Next(parties.Length)],
            Minutes: 5 + random.Next(240), On: new LocalDate(2026, 1, 20).PlusDays(random.Next(110)), Unbooked: random.Next(6) == 0)).ToList()).ToList();
        await Task.WhenAll(plans.Select(plan => Task.Run(() => app.AsSystemAsync(async (db, _) =>
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            foreach (var (entry, i) in plan.Select((e, i) => (e, i)))
            {
                var record = await db.WorkRecords.AsNoTracking().SingleAsync(r => r.Id == entry.Record);
                record.PerformerId = entry.Party;
                if (entry.Unbooked) (record.ServiceId, record.SourcingKind) = (null, null);
                db.WorkLog.Add(WorkLogEntry.For(record, entry.Person, entry.Minutes, entry.On, null, now));
                if (i % 3 == 2 || i == plan.Count - 1) await db.SaveChangesAsync();
            }
            return true;
        }))));
    }

    static async Task MoveAsync(IncidentWorld world, Guid record, Guid serviceId)
    {
        var current = await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{record}");
        var moved = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{IncidentWorld.Incidents}/{record}", new { serviceId }, current.Headers.ETag!.Tag);
        Assert.Equal(System.Net.HttpStatusCode.OK, moved.StatusCode);
    }

    sealed record Row(LocalDate Month, Guid PersonId, Guid ServiceId, Guid CustomerId, string SourcingKind, Guid PartyId, long Minutes, int Entries);

    Task<List<Row>> RollupAsync(Guid providerId) => app.AsSystemAsync(async (db, _) =>
        Ordered(await db.WorkLogMonths.AsNoTracking().Where(m => m.ProviderId == providerId)
            .Select(m => new Row(m.Month, m.PersonId, m.ServiceId, m.CustomerId, m.SourcingKind, m.PartyId, m.Minutes, m.Entries)).ToListAsync()));

    /// <summary>What the rollup must hold: the provider's entries grouped here, in .NET.</summary>
    Task<List<Row>> GroupedAsync(Guid providerId) => app.AsSystemAsync(async (db, _) =>
        Ordered([.. (await db.WorkLog.AsNoTracking().Where(w => w.ProviderId == providerId).ToListAsync())
            .GroupBy(w => (Month: new LocalDate(w.On.Year, w.On.Month, 1), w.PersonId, Service: w.ServiceId ?? Guid.Empty, w.CustomerId,
                Kind: w.SourcingKind?.ToString() ?? "", Party: w.PartyId ?? Guid.Empty))
            .Select(g => new Row(g.Key.Month, g.Key.PersonId, g.Key.Service, g.Key.CustomerId, g.Key.Kind, g.Key.Party, g.Sum(w => (long)w.Minutes), g.Count()))]));

    static List<Row> Ordered(List<Row> rows) =>
        [.. rows.OrderBy(r => r.Month).ThenBy(r => r.PersonId).ThenBy(r => r.ServiceId).ThenBy(r => r.SourcingKind, StringComparer.Ordinal).ThenBy(r => r.PartyId)];
}
