using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Steward.Server.Hosting;

/// <summary>
/// The server listens at once and prepares its database beside the host's start: migrations, the
/// roles, the first administrator, the demo data. Until that work is done, <c>/health</c> answers
/// 200, <c>/ready</c> answers 503 with the work's progress, a browser sees a "preparing" page and
/// every other request gets 503 with Retry-After. If the work fails, the server stops with exit code 1,
/// as it would have before listening.
/// </summary>
/// <remarks>
/// Preparing before listening made a restart answer nothing for 2–3 s (most of it building the EF
/// Core model) and a first start with demo data for 12 s; a process manager or a person opening the
/// page could not tell a slow start from a dead server.
/// </remarks>
public sealed class StartupGate
{
    readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile StartupProgress progress = new("Starting", null);

    public bool IsOpen => done.Task.IsCompletedSuccessfully;

    /// <summary>Completes when start-up work has finished (or faults with its error).</summary>
    public Task Completion => done.Task;

    /// <summary>What start-up work is doing now, for <c>/ready</c> and the preparing page.</summary>
    public StartupProgress Progress => progress;

    /// <summary>Start-up work says what it does now; <paramref name="fraction"/> (0–1) where it can tell how far it is.</summary>
    public void Report(string phase, double? fraction = null) => progress = new(phase, fraction is { } f ? Math.Clamp(f, 0, 1) : null);

    /// <summary>Waits for start-up work; false when it failed or the server stops first: there is then no database to work on.</summary>
    public async Task<bool> WaitOpenAsync(CancellationToken ct)
    {
        try
        {
            await done.Task.WaitAsync(ct);
            return true;
        }
        catch (Exception) when (!IsOpen)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool and opens the gate when it is done. The log gets
    /// one line when the work starts and one when it ends (or fails, with why); the work itself may
    /// log its own milestones.
    /// </summary>
    public void Run(Func<CancellationToken, Task> work, IHostApplicationLifetime lifetime, ILogger log) => _ = Task.Run(async () =>
    {
        var started = Stopwatch.GetTimestamp();
        log.LogInformation("Preparing the database; /health answers now, /ready once this is done.");
        try
        {
            await work(lifetime.ApplicationStopping);
            progress = new("Ready", 1);
            done.TrySetResult();
            log.LogInformation("Ready: the database was prepared in {Seconds:F1} s ({Since:F1} s after the process started).",
                Stopwatch.GetElapsedTime(started).TotalSeconds, SinceProcessStart().TotalSeconds);
            // What start-up cost, for whoever measures it (docs/performance.md).
            log.LogDebug("By then: {Methods} methods compiled by the JIT in {Jit:F0} ms, {Cpu:F0} ms of CPU.",
                System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
                Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);
        }
        catch (Exception e)
        {
            progress = new("Failed: " + e.Message, null);
            done.TrySetException(e);
            if (e is OperationCanceledException && lifetime.ApplicationStopping.IsCancellationRequested) return;
            log.LogCritical(e, "Preparing the database failed, so the server stops: {Reason}", e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    });

    static TimeSpan SinceProcessStart() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    /// <summary>Answers 503 to requests that need the database while start-up work is running.</summary>
    public sealed class Middleware(RequestDelegate next, StartupGate gate)
    {
        public Task InvokeAsync(HttpContext http)
        {
            if (gate.IsOpen || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/ready"))
                return next(http);
            http.Response.Headers.RetryAfter = "1";
            if (PreparingPage.IsWanted(http.Request))
                return PreparingPage.WriteAsync(http, gate.Progress);
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Starting",
                Detail = $"The server is preparing its database ({gate.Progress.Describe()}); try again in a moment (GET /ready answers 200 when it is done).",
            }).ExecuteAsync(http);
        }
    }
}

/// <summary>What start-up work is doing: a phase ("Replaying 90 days of demo data") and, where known, how far it is (0–1).</summary>
public sealed record StartupProgress(string Phase, double? Fraction)
{
    /// <summary>Whole per cent done, where known.</summary>
    public int? Percent => Fraction is { } f ? (int)Math.Floor(f * 100) : null;

    public string Describe() => Percent is { } p && p < 100 ? $"{Phase}: {p.ToString(CultureInfo.InvariantCulture)} %" : Phase;
}
