using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Server.Hosting;
using Xunit;

namespace Steward.Server.Tests.Hosting;

/// <summary>
/// While start-up work runs beside the host, requests that need the database are turned away with a
/// problem they can act on; health and readiness probes pass; once the work is done everything passes.
/// </summary>
public sealed class StartupGateTests
{
    [Fact]
    public async Task Requests_get_503_with_retry_after_until_start_up_work_is_done()
    {
        var gate = new StartupGate();
        var release = new TaskCompletionSource();
        using var lifetime = new Lifetime();
        gate.Run(() => release.Task, lifetime, NullLogger.Instance);
        var reached = new List<string>();
        var middleware = new StartupGate.Middleware(http => { reached.Add(http.Request.Path); return Task.CompletedTask; }, gate);

        var early = await SendAsync(middleware, "/api/v1/organizations");
        Assert.Equal(503, early.StatusCode);
        Assert.Equal("1", early.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", early.ContentType);
        Assert.Contains("/ready", Problem(early).GetProperty("detail").GetString());
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

    static async Task<HttpResponse> SendAsync(StartupGate.Middleware middleware, string path)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        await middleware.InvokeAsync(http);
        return http.Response;
    }

    static JsonElement Problem(HttpResponse response)
    {
        response.Body.Position = 0;
        return JsonDocument.Parse(response.Body).RootElement;
    }

    static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

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
