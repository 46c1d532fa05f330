using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Server.Hosting;
using Xunit;

namespace Steward.Server.Tests.Hosting;

/// <summary>
/// While the server prepares its database beside the host's start, requests that need it are turned
/// away with a problem they can act on, a browser sees a page that says what is going on, probes
/// answer without touching the database, and the log says when preparation starts and ends; once
/// the work is done everything passes.
/// </summary>
public sealed class StartupGateTests
{
    [Fact]
    public async Task Requests_get_503_with_retry_after_and_the_progress_until_start_up_work_is_done()
    {
        var gate = new StartupGate();
        var release = new TaskCompletionSource();
        using var lifetime = new Lifetime();
        gate.Run(_ => release.Task, lifetime, new ListLogger());
        gate.Report("Applying migration 3 of 14", 0.21);
        var reached = new List<string>();
        var middleware = new StartupGate.Middleware(http => { reached.Add(http.Request.Path); return Task.CompletedTask; }, gate);

        var early = await SendAsync(middleware, "/api/v1/organizations");
        Assert.Equal(503, early.StatusCode);
        Assert.Equal("1", early.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", early.ContentType);
        var detail = Json(early).GetProperty("detail").GetString();
        Assert.Contains("/ready", detail);
        Assert.Contains("Applying migration 3 of 14: 21 %", detail);
        await SendAsync(middleware, "/health");
        await SendAsync(middleware, "/ready");
        Assert.Equal(["/health", "/ready"], reached);

        release.SetResult();
        await gate.Completion;
        Assert.True(gate.IsOpen);
        var later = await SendAsync(middleware, "/api/v1/organizations");
        Assert.Equal(200, later.StatusCode);
        Assert.Equal(["/health", "/ready", "/api/v1/organizations"], reached);
        Assert.False(lifetime.Stopped);
    }

    [Fact]
    public async Task A_browser_opening_a_page_meanwhile_sees_what_the_server_prepares_not_an_error()
    {
        var gate = new StartupGate();
        var release = new TaskCompletionSource();
        using var lifetime = new Lifetime();
        gate.Run(_ => release.Task, lifetime, new ListLogger());
        gate.Report("Replaying 90 days of demo incidents and requests", 0.42);
        var middleware = new StartupGate.Middleware(_ => Task.CompletedTask, gate);

        var page = await SendAsync(middleware, "/incidents", accept: "text/html,application/xhtml+xml");
        var api = await SendAsync(middleware, "/api/v1/incidents", accept: "text/html");

        Assert.Equal(503, page.StatusCode);
        Assert.StartsWith("text/html", page.ContentType);
        var html = Text(page);
        Assert.Contains("Steward is preparing its database", html);
        Assert.Contains("Replaying 90 days of demo incidents and requests", html);
        Assert.Contains("42 % done", html);
        Assert.Contains("fetch('/ready'", html);
        Assert.StartsWith("application/problem+json", api.ContentType);
        release.SetResult();
    }

    [Fact]
    public async Task Probes_answer_from_the_gate_while_it_is_closed_without_running_the_database_check()
    {
        var gate = new StartupGate();
        var release = new TaskCompletionSource();
        using var lifetime = new Lifetime();
        gate.Run(_ => release.Task, lifetime, new ListLogger());
        gate.Report("Applying migration 1 of 2", 0.5);
        var health = new CountingHealthChecks();
        var probes = new Probes(_ => throw new InvalidOperationException("A probe reached the rest of the pipeline."), gate, health);

        var live = await SendAsync(probes, "/health");
        var starting = await SendAsync(probes, "/ready");
        release.SetResult();
        await gate.Completion;
        var ready = await SendAsync(probes, "/ready");

        Assert.Equal(200, live.StatusCode);
        Assert.Equal(503, starting.StatusCode);
        Assert.Equal("1", starting.Headers.RetryAfter.ToString());
        var view = Json(starting);
        Assert.Equal("Starting", view.GetProperty("status").GetString());
        Assert.Equal("Applying migration 1 of 2", view.GetProperty("phase").GetString());
        Assert.Equal(0.5, view.GetProperty("progress").GetDouble());
        Assert.Equal(200, ready.StatusCode);
        Assert.Equal("Ready", Json(ready).GetProperty("status").GetString());
        Assert.Equal(1, health.Runs);
    }

    [Fact]
    public async Task The_log_says_when_preparation_starts_and_when_it_ends_and_nothing_is_an_error()
    {
        var gate = new StartupGate();
        var release = new TaskCompletionSource();
        using var lifetime = new Lifetime();
        var log = new ListLogger();
        gate.Run(_ => release.Task, lifetime, log);
        var probes = new Probes(_ => Task.CompletedTask, gate, new CountingHealthChecks());
        await WaitUntilAsync(() => log.Lines.Count > 0);

        for (var i = 0; i < 20; i++) await SendAsync(probes, "/ready");
        release.SetResult();
        await gate.Completion;
        await WaitUntilAsync(() => log.Lines.Count > 1);

        Assert.Collection(log.Lines,
            first => Assert.StartsWith("Information: Preparing the database", first),
            last => Assert.StartsWith("Information: Ready: the database was prepared in", last));
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
    }

    static async Task<HttpResponse> SendAsync(StartupGate.Middleware middleware, string path, string? accept = null)
    {
        var http = NewContext(path, accept);
        await middleware.InvokeAsync(http);
        return http.Response;
    }

    static async Task<HttpResponse> SendAsync(Probes probes, string path)
    {
        var http = NewContext(path, null);
        await probes.InvokeAsync(http);
        return http.Response;
    }

    static DefaultHttpContext NewContext(string path, string? accept)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = "GET";
        http.Request.Path = path;
        if (accept is not null) http.Request.Headers.Accept = accept;
        http.Response.Body = new MemoryStream();
        return http;
    }

    static JsonElement Json(HttpResponse response)
    {
        response.Body.Position = 0;
        return JsonDocument.Parse(response.Body).RootElement;
    }

    static string Text(HttpResponse response)
    {
        response.Body.Position = 0;
        return new StreamReader(response.Body).ReadToEnd();
    }

    static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    sealed class CountingHealthChecks : HealthCheckService
    {
        public int Runs { get; private set; }

        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
        {
            Runs++;
            return Task.FromResult(new HealthReport(new Dictionary<string, HealthReportEntry>
            {
                ["database"] = new(HealthStatus.Healthy, "Database reachable; migrations applied.", TimeSpan.Zero, null, null),
            }, TimeSpan.Zero));
        }
    }

    sealed class ListLogger : ILogger
    {
        readonly List<string> lines = [];

        public IReadOnlyList<string> Lines { get { lock (lines) return [.. lines]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        /// <summary>The server's default level (appsettings.json): what an operator's log shows.</summary>
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (lines) lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }

    sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        readonly CancellationTokenSource stopping = new();
        public bool Stopped => stopping.IsCancellationRequested;
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => stopping.Cancel();
        public void Dispose() => stopping.Dispose();
    }
}
