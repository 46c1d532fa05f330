using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Steward.Core.Sla;
using Steward.Server.Sla;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Sla;

/// <summary>
/// Two Steward servers on one PostgreSQL database, both running the SLA worker over the same due
/// jobs at once, then restarted: every job fires exactly once, and both servers take part.
/// </summary>
public sealed class TwoServerEscalationTests
{
    sealed class Server(string database, FakeClock clock, string name) : StewardApp(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Steward:RunSlaWorker", "false");
            builder.UseSetting("Steward:ServerName", name);
            // Small batches, so that the two servers' claims interleave.
            builder.UseSetting("Steward:SlaBatchSize", "10");
            builder.ConfigureTestServices(services => services.AddSingleton<IClock>(clock));
        }

        public Task<int> DrainAsync() => SlaApp.DrainAsync(Services);
    }

    [PostgresFact]
    public async Task Two_servers_fire_each_due_job_exactly_once_and_a_restart_fires_none_again()
    {
        const int incidents = 80;
        var name = "steward_two_" + Guid.NewGuid().ToString("N");
        var database = await TestDatabase.CreatePostgresDatabaseAsync(name);
        var clock = new FakeClock(SlaApp.Start);
        try
        {
            var a = new Server(database, clock, "server-a");
            await a.InitializeAsync();
            var world = await IncidentWorld.CreateAsync(a);
            var ids = new List<Guid>();
            for (var i = 0; i < incidents; i++) ids.Add((await world.RaiseAsync($"Mailbox {i} full")).GetProperty("id").GetGuid());
            var b = new Server(database, clock, "server-b");
            await b.InitializeAsync();

            // Monday 18:00: every resolution (due 17:00) has breached.
            clock.Reset(SlaApp.Start + Duration.FromHours(9));
            await Task.WhenAll(a.DrainAsync(), b.DrainAsync());

            var (jobs, fired, servers, notifications) = await a.AsSystemAsync(async (db, _) => (
                await db.SlaJobs.CountAsync(j => ids.Contains(j.RecordId)),
                await db.SlaJobs.CountAsync(j => ids.Contains(j.RecordId) && j.FiredAt != null),
                await db.SlaJobs.Where(j => ids.Contains(j.RecordId)).Select(j => j.FiredBy).Distinct().CountAsync(),
                await db.Notifications.CountAsync(n => ids.Contains(n.RecordId!.Value))));
            // One job per incident: the policy escalates only the resolution clock's breach.
            Assert.Equal(incidents, jobs);
            Assert.Equal(jobs, fired);
            Assert.Equal(2, servers);
            // One breach of the resolution target each, notified to the service desk's one agent.
            Assert.Equal(incidents, notifications);

            // Restart both: nothing is due any more, and nothing fires twice.
            await b.DisposeAsync();
            await a.DisposeAsync();
            var again = new Server(database, clock, "server-c");
            await again.InitializeAsync();
            clock.Advance(Duration.FromHours(1));
            await again.DrainAsync();
            var (refired, notifiedAgain, breached) = await again.AsSystemAsync(async (db, _) => (
                await db.SlaJobs.CountAsync(j => ids.Contains(j.RecordId) && j.FiredBy == "server-c"),
                await db.Notifications.CountAsync(n => ids.Contains(n.RecordId!.Value)),
                await db.SlaClocks.CountAsync(c => ids.Contains(c.RecordId) && c.Metric == ClockMetric.Resolution && c.BreachedAt != null && c.BreachEscalated)));
            Assert.Equal(0, refired);
            Assert.Equal(incidents, notifiedAgain);
            Assert.Equal(incidents, breached);
            await again.DisposeAsync();
        }
        finally
        {
            await TestDatabase.DropPostgresDatabaseAsync(name);
        }
    }
}
