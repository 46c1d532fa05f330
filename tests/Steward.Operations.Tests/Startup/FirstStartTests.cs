using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Steward.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Steward.Operations.Tests.Startup;

/// <summary>
/// A new user's first start replays 90 days of demo data. Meanwhile the server answers /health at
/// once, /ready says what it is doing and how far it is, a browser gets a page that says so, and the
/// log says when preparation starts and ends with the replay's progress in between, without an error
/// line however often /ready is polled. A restart on that data is ready with two lines of log.
/// </summary>
public sealed partial class FirstStartTests(ITestOutputHelper output)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(^|\s)(fail|crit): ")]
    private static partial System.Text.RegularExpressions.Regex ErrorLine();

    [Fact]
    public async Task The_first_start_with_demo_data_answers_at_once_and_shows_its_progress_until_it_is_ready()
    {
        await using var store = await Store.CreateAsync(Store.Sqlite);
        await using var server = ServerProcess.Start(store, "first-start", demoData: true);
        var healthy = await server.WaitHealthyAsync();
        using var http = Clients.Bearer(server.BaseUri, null);

        var seen = new List<(string Status, string Phase, double? Progress)>();
        string? page = null;
        var api = HttpStatusCode.OK;
        while (true)
        {
            using var ready = await http.GetAsync("/ready");
            var view = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
            seen.Add((view.GetProperty("status").GetString()!, view.GetProperty("phase").GetString()!,
                view.GetProperty("progress").ValueKind == JsonValueKind.Number ? view.GetProperty("progress").GetDouble() : null));
            if (ready.StatusCode == HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            if (page is null && seen[^1].Phase.StartsWith("Replaying", StringComparison.Ordinal))
            {
                page = await PreparingPageAsync(http);
                using var early = await server.Client().GetAsync("/api/v1/incidents");
                api = early.StatusCode;
            }
            Assert.True(seen.Count < 3000, "Not ready after 3,000 polls.");
            await Task.Delay(20);
        }
        await server.StopAsync();

        var replay = seen.Where(s => s.Phase.StartsWith("Replaying", StringComparison.Ordinal) && s.Progress is not null).Select(s => s.Progress!.Value).ToList();
        output.WriteLine($"/health after {healthy.TotalSeconds:F1} s; {seen.Count} polls of /ready; phases: {string.Join(" → ", seen.Select(s => s.Phase).Distinct())}");
        Assert.True(replay.Count >= 5, $"The replay's progress was seen {replay.Count} times.");
        Assert.Equal(replay.Order(), replay);
        Assert.True(replay[^1] - replay[0] > 0.5, $"The replay's progress went from {replay[0]:P0} to {replay[^1]:P0} only.");
        Assert.Equal("Ready", seen[^1].Status);
        Assert.NotNull(page);
        Assert.Contains("Steward is preparing its database", page);
        Assert.Contains("Replaying 90 days of demo", page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api);

        var log = server.Output.Split('\n');
        Assert.DoesNotContain(log, l => ErrorLine().IsMatch(l));
        Assert.Single(log, l => l.Contains("Preparing the database", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains("Ready: the database was prepared", StringComparison.Ordinal));
        var replayed = log.Where(l => l.Contains("Demo data: ", StringComparison.Ordinal)).ToList();
        Assert.InRange(replayed.Count, 5, 9);
    }

    [Fact]
    public async Task A_restart_on_existing_data_is_ready_with_a_line_when_preparation_starts_and_one_when_it_ends()
    {
        await using var store = await Store.CreateAsync(Store.Sqlite);
        await using (var first = ServerProcess.Start(store, "restart-first"))
        {
            await first.WaitReadyAsync();
            await first.StopAsync();
        }
        await using var again = ServerProcess.Start(store, "restart-again");
        await again.WaitHealthyAsync();
        using var http = Clients.Bearer(again.BaseUri, null);
        var polls = 0;
        for (; (await http.GetAsync("/ready")).StatusCode != HttpStatusCode.OK; polls++) await Task.Delay(5);
        await again.StopAsync();

        // The data-protection key is made in the background on a first start; a first server stopped as soon as it
        // is ready (on a loaded machine) may leave that to the restart, which then says so: not about preparation.
        var log = again.Output.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal)
            && !l.Contains("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{polls} polls of /ready before it answered 200:\n{string.Join('\n', log)}");
        Assert.Collection(log,
            l => Assert.Contains("Preparing the database", l),
            l => Assert.Contains("Ready: the database was prepared", l));
    }

    /// <summary>What a browser's request for a page gets while the server prepares (it asks for HTML).</summary>
    static async Task<string> PreparingPageAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/incidents");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
