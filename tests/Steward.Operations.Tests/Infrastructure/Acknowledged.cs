using System.Net;
using System.Text.Json;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>Reads back, through the API, every write a <see cref="WriteLoad"/> saw acknowledged.</summary>
public static class Acknowledged
{
    public sealed record Missing(List<string> Problems, int Records, int Comments, int Titles)
    {
        public override string ToString() => Problems.Count == 0
            ? $"all {Records} incidents, {Comments} comments and {Titles} title changes found"
            : $"{Problems.Count} acknowledged writes lost or wrong, e.g.:\n  " + string.Join("\n  ", Problems.Take(15));
    }

    /// <param name="acknowledgedBefore">Only writes acknowledged before this instant (a backup's start); all when null.</param>
    public static async Task<Missing> FindMissingAsync(HttpClient http, WriteLoad load, DateTime? acknowledgedBefore = null)
    {
        bool Counts(DateTime at) => acknowledgedBefore is null || at < acknowledgedBefore;
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var creates = load.Creates.Where(c => Counts(c.AcknowledgedAt)).ToList();
        var comments = load.Comments.Where(c => Counts(c.AcknowledgedAt)).GroupBy(c => c.IncidentId).ToDictionary(g => g.Key, g => g.Select(c => c.Body).ToList());
        var titles = load.Titles.Values.Where(t => Counts(t.AcknowledgedAt)).ToDictionary(t => t.IncidentId);
        var numbers = new System.Collections.Concurrent.ConcurrentDictionary<string, Guid>();

        await Parallel.ForEachAsync(creates, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (created, ct) =>
        {
            using var response = await http.GetAsync($"{DeskWorld.Incidents}/{created.Id}", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"incident {created.Number} ({created.Id}): {(int)response.StatusCode}");
                return;
            }
            var record = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            if (record.GetProperty("number").GetString() != created.Number) problems.Add($"incident {created.Id} is now numbered {record.GetProperty("number")} (was {created.Number})");
            if (!numbers.TryAdd(created.Number, created.Id)) problems.Add($"number {created.Number} is used twice");
            var title = record.GetProperty("title").GetString()!;
            var sent = load.Unanswered.TryGetValue(created.Id, out var attempted) ? attempted.ToHashSet() : [];
            if (title != created.Title && !sent.Contains(title)) problems.Add($"incident {created.Number} has the title '{title}', which nobody sent");
            if (titles.TryGetValue(created.Id, out var retitled) && record.GetProperty("version").GetInt64() < retitled.Version)
                problems.Add($"incident {created.Number} is at version {record.GetProperty("version")} but version {retitled.Version} ('{retitled.Title}') was acknowledged");
            if (comments.TryGetValue(created.Id, out var bodies))
            {
                var stored = (await JsonSerializer.DeserializeAsync<JsonElement>(await http.GetStreamAsync($"{DeskWorld.Incidents}/{created.Id}/comments", ct), cancellationToken: ct))
                    .EnumerateArray().Select(c => c.GetProperty("body").GetString()).ToHashSet();
                foreach (var body in bodies.Where(b => !stored.Contains(b))) problems.Add($"incident {created.Number} lost the comment '{body}'");
            }
        });
        return new Missing([.. problems], creates.Count, comments.Values.Sum(c => c.Count), titles.Count);
    }
}
