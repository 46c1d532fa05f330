using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Server.Tests.Finance;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// <see cref="FinanceWorld"/> with its three incidents resolved: Harbor's on Desk on 20 March 2026,
/// Alder's on Desk on 3 April and Alder's on Clinical on 6 April, so that cost per record has
/// records to share the costs over. The P&amp;L of the world is worked out in <see cref="PnlTests"/>.
/// </summary>
public sealed class MoneyWorld : IAsyncLifetime
{
    public FinanceWorld W { get; } = new();

    public async Task InitializeAsync()
    {
        await W.InitializeAsync();
        await ResolveAsync(W.HarborIncident, Instant.FromUtc(2026, 3, 20, 10, 0));
        await ResolveAsync(W.AlderDeskIncident, Instant.FromUtc(2026, 4, 3, 10, 0));
        await ResolveAsync(W.AlderClinicalIncident, Instant.FromUtc(2026, 4, 6, 10, 0));
    }

    /// <summary>Resolved through the API, then dated into the world's spring: the test server's clock is the machine's.</summary>
    async Task ResolveAsync(Guid incident, Instant at)
    {
        var resolved = await W.Agent.ActAsync($"/api/v1/incidents/{incident}", "transition", new { state = "Resolved", resolution = "Fixed." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await W.App.AsSystemAsync((db, _) => db.WorkRecords.Where(r => r.Id == incident).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, at)));
    }

    public async Task DisposeAsync() => await W.DisposeAsync();
}
