using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Steward.Server.Hosting;

/// <summary>
/// <c>/health</c> and <c>/ready</c>, answered first in the pipeline: before routing, whose first use
/// builds every endpoint, and before anything that needs the database. A process manager's probe is
/// answered the moment the server listens.
/// </summary>
public sealed class Probes(RequestDelegate next, StartupGate gate, HealthCheckService health)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return next(http);
        var path = http.Request.Path;
        if (path.Equals("/health", StringComparison.OrdinalIgnoreCase)) return Health(http);
        if (path.Equals("/ready", StringComparison.OrdinalIgnoreCase)) return Readiness.AnswerAsync(http, gate, health);
        return next(http);
    }

    /// <summary>The process is up and answers: no checks, so a slow database never gets a live server restarted.</summary>
    static Task Health(HttpContext http)
    {
        http.Response.ContentType = "text/plain";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync("Healthy", http.RequestAborted);
    }
}
