using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Steward.Server.Sla;

namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// A server whose clock the test moves, with the SLA worker switched off so that the test runs its
/// passes itself (<see cref="RunWorkerAsync"/>): clocks and escalations are then exact to the second.
/// </summary>
public sealed class SlaApp : StewardApp
{
    /// <summary>Monday 30 November 2026, 09:00 UTC (09:00 in London).</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Steward:RunSlaWorker", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
        });
    }

    /// <summary>Runs worker passes until nothing is left to do; the number of jobs and replanned records handled.</summary>
    public Task<int> RunWorkerAsync() => DrainAsync(Services);

    /// <summary>Runs a server's SLA worker until a pass finds nothing to do.</summary>
    public static async Task<int> DrainAsync(IServiceProvider services)
    {
        var worker = services.GetRequiredService<EscalationWorker>();
        var total = 0;
        while (true)
        {
            int done;
            try
            {
                done = await worker.RunOnceAsync(CancellationToken.None);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                // As the worker's own loop does: another server changed a record or clock under the batch
                // (a replan now writes the record's mirror of its clocks); nothing of it was committed, so take it again.
                done = 1;
            }
            if (done == 0) return total;
            total += done;
        }
    }
}
