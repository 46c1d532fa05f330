using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Steward.Bench;

/// <param name="Drain">
/// Read each response body into a reused buffer and drop it, instead of buffering it in a new
/// MemoryStream: for responses of megabytes (a sourcing profile is ~6 MB) the buffering cost the
/// driver ~20 ms of CPU per request on the cores the server runs on. The latency is still to the last byte.
/// </param>
public sealed record LoadOptions(int Clients, TimeSpan Duration, TimeSpan Warmup, long MaxRequests, int? ServerPid = null, bool Drain = false);

public sealed record LoadResult(
    string Scenario, int Clients, double Seconds, long Requests, long Errors,
    double Throughput, double P50Ms, double P95Ms, double P99Ms, double MaxMs, string? FirstError)
{
    /// <summary>Server CPU time per measured request in microseconds (null when the server's process is unknown).</summary>
    public double? ServerCpuUs { get; init; }
    /// <summary>The load driver's own CPU time per measured request: it shares the machine with the server.</summary>
    public double? DriverCpuUs { get; init; }

    public override string ToString() => Requests == 0
        ? $"{Scenario,-28} clients={Clients,3} no request was issued in the measured window: every client was still waiting for a warm-up request (each took longer than the window)"
        : $"{Scenario,-28} clients={Clients,3} req={Requests,7} err={Errors,4} {Throughput,8:F0} req/s  p50={P50Ms,7:F2} p95={P95Ms,7:F2} p99={P99Ms,7:F2} max={MaxMs,8:F2} ms"
        + (ServerCpuUs is { } server ? $"  cpu/req server={server,6:F0} µs driver={DriverCpuUs,5:F0} µs" : "")
        + (FirstError is null ? "" : $"  first error: {FirstError}");
}

/// <summary>
/// Closed-loop load: N tasks, each sending its next request as soon as the previous one answered,
/// over one shared HttpClient. Samples taken during the warm-up are discarded; every measured
/// latency is kept and sorted, so percentiles are exact (no histogram buckets).
/// </summary>
public static class LoadDriver
{
    public static HttpClient NewClient(Uri baseUri, string token, int clients)
    {
        if (!IsLoopback(baseUri)) throw new ArgumentException($"Only loopback targets are allowed, not {baseUri}.");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(clients, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.Host is "127.0.0.1" or "localhost" or "[::1]");

    /// <param name="next">Builds the request for (client index, sequence number of that client).</param>
    public static async Task<LoadResult> RunAsync(string scenario, HttpClient http, LoadOptions options, Func<int, long, HttpRequestMessage> next)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        long issued = 0, errors = 0;
        string? firstError = null;
        var samples = new List<long>[options.Clients];

        async Task Client(int index)
        {
            var mine = samples[index] = new List<long>(1 << 14);
            var buffer = options.Drain ? new byte[1 << 16] : null;
            for (long seq = 0; ; seq++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= end) return;
                var measured = t0 >= measureFrom;
                if (measured && Interlocked.Increment(ref issued) > options.MaxRequests) return;
                string? error = null;
                try
                {
                    using var request = next(index, seq);
                    using var response = await http.SendAsync(request,
                        buffer is null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                    if (buffer is not null && response.IsSuccessStatusCode)
                    {
                        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        while (await body.ReadAsync(buffer).ConfigureAwait(false) > 0) { }
                    }
                    if (!response.IsSuccessStatusCode)
                        error = $"{(int)response.StatusCode} {request.Method} {request.RequestUri}: {Truncate(await response.Content.ReadAsStringAsync().ConfigureAwait(false))}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                var t1 = Stopwatch.GetTimestamp();
                if (!measured) continue;
                mine.Add(t1 - t0);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }

        // CPU is sampled when the warm-up ends and when the last client stops; the few requests still
        // in flight at either edge are noise against thousands per window.
        double? serverCpu0 = null, driverCpu0 = null;
        var sampler = Task.Run(async () =>
        {
            var wait = measureFrom - Stopwatch.GetTimestamp();
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
            serverCpu0 = options.ServerPid is { } pid ? CpuMeter.ProcessSeconds(pid) : null;
            driverCpu0 = CpuMeter.SelfSeconds();
        });
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => Client(i)))).ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        var serverCpu1 = options.ServerPid is { } p ? CpuMeter.ProcessSeconds(p) : null;
        var driverCpu1 = CpuMeter.SelfSeconds();
        var finished = Math.Min(Stopwatch.GetTimestamp(), end);
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        var seconds = (double)(finished - measureFrom) / Stopwatch.Frequency;
        return new LoadResult(scenario, options.Clients, seconds, all.Length, errors,
            all.Length / seconds, Ms(Percentile(all, 0.50)), Ms(Percentile(all, 0.95)), Ms(Percentile(all, 0.99)),
            Ms(all.Length == 0 ? 0 : all[^1]), firstError)
        {
            ServerCpuUs = all.Length > 0 && serverCpu0 is { } s0 && serverCpu1 is { } s1 ? (s1 - s0) * 1e6 / all.Length : null,
            DriverCpuUs = all.Length > 0 && driverCpu0 is { } d0 ? (driverCpu1 - d0) * 1e6 / all.Length : null,
        };
    }

    /// <summary>Nearest-rank percentile over sorted samples.</summary>
    static long Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
