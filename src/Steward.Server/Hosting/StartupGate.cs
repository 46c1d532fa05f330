using Microsoft.AspNetCore.Mvc;

namespace Steward.Server.Hosting;

/// <summary>
/// Start-up work on the database after the migrations (the roles, the first administrator, the demo
/// data) runs while the rest of the host starts, instead of before it: on two cores that overlap is
/// a few hundred milliseconds of cold start. Until the work is done, <c>/ready</c> says so and every
/// other request except <c>/health</c> gets 503 with Retry-After; if it fails, the server stops with
/// exit code 1, as it would have before listening. Migrations still run first: nothing may open the
/// database before its tables exist.
/// </summary>
public sealed class StartupGate
{
    readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => done.Task.IsCompletedSuccessfully;

    /// <summary>Completes when start-up work has finished (or faults with its error).</summary>
    public Task Completion => done.Task;

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

    public void Run(Func<Task> work, IHostApplicationLifetime lifetime, ILogger log) => _ = Task.Run(async () =>
    {
        try
        {
            await work();
            done.TrySetResult();
        }
        catch (Exception e)
        {
            done.TrySetException(e);
            if (e is OperationCanceledException && lifetime.ApplicationStopping.IsCancellationRequested) return;
            log.LogCritical(e, "Start-up failed; the server stops.");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    });

    /// <summary>Answers 503 to requests that need the database while start-up work is running.</summary>
    public sealed class Middleware(RequestDelegate next, StartupGate gate)
    {
        public Task InvokeAsync(HttpContext http)
        {
            if (gate.IsOpen || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/ready"))
                return next(http);
            http.Response.Headers.RetryAfter = "1";
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Starting",
                Detail = "The server is preparing its database; try again in a moment (GET /ready answers 200 when it is done).",
            }).ExecuteAsync(http);
        }
    }
}
