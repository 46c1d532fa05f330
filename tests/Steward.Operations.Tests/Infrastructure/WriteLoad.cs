using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// Writers that keep creating incidents, commenting on them and editing their titles under the ETag
/// they read, through whatever servers they are given, and remember every write a server acknowledged
/// (2xx) and when. A failed request (a killed server, a refused connection) is not acknowledged and is
/// tried again with the next write.
/// </summary>
public sealed class WriteLoad
{
    public sealed record Created(Guid Id, string Number, string Title, DateTime AcknowledgedAt);
    public sealed record Commented(Guid IncidentId, string Body, DateTime AcknowledgedAt);
    /// <summary>A title change the server acknowledged; <paramref name="Attempted"/> lists the ones sent after it that got no answer (they may have committed).</summary>
    public sealed record Retitled(Guid IncidentId, string Title, long Version, DateTime AcknowledgedAt);

    readonly DeskWorld world;
    readonly Func<int, HttpClient> clientFor;
    readonly bool publicComments;
    public ConcurrentBag<Created> Creates { get; } = [];
    public ConcurrentBag<Commented> Comments { get; } = [];
    public ConcurrentDictionary<Guid, Retitled> Titles { get; } = new();
    /// <summary>Titles sent but not acknowledged, per incident: the server may or may not have stored them.</summary>
    public ConcurrentDictionary<Guid, ConcurrentBag<string>> Unanswered { get; } = new();
    public int Failures => failures;
    public int Conflicts => conflicts;
    int failures;
    int conflicts;

    /// <param name="clientFor">Writer n's client (say, alternating between two servers).</param>
    /// <param name="publicComments">Public comments are the provider's first response and stop that clock; internal notes leave it running.</param>
    public WriteLoad(DeskWorld world, Func<int, HttpClient> clientFor, bool publicComments = true)
    {
        this.world = world;
        this.clientFor = clientFor;
        this.publicComments = publicComments;
    }

    /// <summary>Waits until the writers have got as far as <paramref name="condition"/> says.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The writers did not get far enough in time.");
            await Task.Delay(25);
        }
    }

    /// <summary>Runs <paramref name="writers"/> writers until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int writers, string tag, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w, tag, stop), CancellationToken.None)));

    async Task WriterAsync(int writer, string tag, CancellationToken stop)
    {
        var own = new List<Created>();
        for (var step = 0; !stop.IsCancellationRequested; step++)
        {
            var http = clientFor(writer);
            try
            {
                if (own.Count > 0 && step % 3 == 1) await CommentAsync(http, own[step % own.Count], $"{tag} comment {writer}-{step}");
                else if (own.Count > 0 && step % 3 == 2) await RetitleAsync(http, own[step % own.Count], $"{tag} retitled {writer}-{step}");
                else if (await CreateAsync(http, $"{tag} incident {writer}-{step}") is { } created) own.Add(created);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref failures);
                if (!stop.IsCancellationRequested) await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    async Task<Created?> CreateAsync(HttpClient http, string title)
    {
        using var response = await http.PostAsJsonAsync(DeskWorld.Incidents, world.NewIncident(title));
        if (!Acknowledged(response)) return null;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var created = new Created(body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!, title, DateTime.UtcNow);
        Creates.Add(created);
        return created;
    }

    async Task CommentAsync(HttpClient http, Created incident, string body)
    {
        using var response = await http.PostAsJsonAsync($"{DeskWorld.Incidents}/{incident.Id}/comments", new { body, isPublic = publicComments });
        if (Acknowledged(response)) Comments.Add(new Commented(incident.Id, body, DateTime.UtcNow));
    }

    async Task RetitleAsync(HttpClient http, Created incident, string title)
    {
        using var current = await http.GetAsync($"{DeskWorld.Incidents}/{incident.Id}");
        if (!Acknowledged(current)) return;
        var etag = current.Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{DeskWorld.Incidents}/{incident.Id}") { Content = JsonContent.Create(new { title }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        Unanswered.GetOrAdd(incident.Id, _ => []).Add(title);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            Interlocked.Increment(ref conflicts);
            return;
        }
        if (!Acknowledged(response)) return;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = body.GetProperty("version").GetInt64();
        Titles.AddOrUpdate(incident.Id, new Retitled(incident.Id, title, version, DateTime.UtcNow), (_, old) => old.Version > version ? old : new Retitled(incident.Id, title, version, DateTime.UtcNow));
    }

    bool Acknowledged(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return true;
        // 502/503 from a stopping server or the proxy: not acknowledged, try again. Anything else is a bug.
        if ((int)response.StatusCode is 502 or 503 or 504)
        {
            Interlocked.Increment(ref failures);
            return false;
        }
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
    }
}
