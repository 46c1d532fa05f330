using Microsoft.AspNetCore.Routing;

namespace Steward.Server.Hosting;

/// <summary>
/// Work done at start-up, beside the database's preparation, so that the first requests do not pay
/// for it. None of it holds up /ready: the server can serve without it, only the first request would
/// be slower. A warm-up that fails is logged and left to the first request.
/// </summary>
public static class StartupWarmUp
{
    public static void Start(WebApplication app, StartupGate gate, ILogger log)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        // On a thread of its own: a second of CPU on a thread-pool thread left a starting server's
        // first requests (a probe's) queued for a free thread (0.5–0.8 s on two cores).
        _ = Task.Factory.StartNew(() => Logged(() => BuildEndpoints(app), "Building the endpoints"), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var keyRing = Task.Run(async () =>
        {
            if (await gate.WaitOpenAsync(stopping)) Logged(() => ReadKeyRing(app.Services), "Reading the data-protection key ring");
        }, stopping);
        // A stop right after the start waits for a key ring read under way (on a new database it
        // writes the first key) rather than pull the database from under it.
        stopping.Register(() => keyRing.Wait(TimeSpan.FromSeconds(10)));

        void Logged(Action work, string what)
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                // A stopping server cuts warm-ups short; that is not worth a line.
                if (!stopping.IsCancellationRequested) log.LogWarning(e, "{What} at start-up failed; the first request that needs it does it.", what);
            }
        }
    }

    /// <summary>
    /// The key ring that signs cookies, read now rather than by the first person to sign in (ASP.NET
    /// Core's own start-up read is switched off: it ran before the migrations). It is also the first
    /// LINQ query the server compiles, most of EF Core's query pipeline run for the first time.
    /// </summary>
    static void ReadKeyRing(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("Steward.Startup").Protect([1]);

    /// <summary>
    /// Builds every endpoint once: each minimal-API endpoint's request delegate, its JSON contracts,
    /// the Blazor pages' routes. Routing would do this on the first request it sees (0.8 s of JIT on
    /// the bench machine); built here, beside the database's preparation, the real build that routing
    /// still makes later takes a few milliseconds (measured: 760–790 ms, then 12–36 ms).
    /// </summary>
    /// <remarks>
    /// A composite of its own over the application's data sources: the one routing and authorization
    /// share is filled as the host builds its pipeline, and one already built there is built again,
    /// on the thread that has to start listening.
    /// </remarks>
    static void BuildEndpoints(IEndpointRouteBuilder app) => _ = new CompositeEndpointDataSource(app.DataSources).Endpoints.Count;
}

public static class LazyMiddleware
{
    /// <summary>
    /// ASP.NET Core's authorization middleware reads every endpoint's policy in its constructor,
    /// which builds every endpoint (0.8 s of JIT on the bench machine) while the host starts, before
    /// the server may listen. Built on the first request that reaches it instead, it finds them
    /// already built by <see cref="StartupWarmUp.BuildEndpoints"/>.
    /// </summary>
    public static void UseAuthorizationOnFirstRequest(this WebApplication app)
    {
        app.UseLazily(b => b.UseAuthorization());
        // WebApplication adds its own authorization middleware (built eagerly, first in the
        // pipeline) unless it finds the key that UseAuthorization leaves on the builder.
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
    }

    const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>Adds middleware that is built on the first request that reaches it instead of when the host starts.</summary>
    public static IApplicationBuilder UseLazily(this IApplicationBuilder app, Action<IApplicationBuilder> configure) =>
        app.Use(next =>
        {
            var branch = new Lazy<RequestDelegate>(() =>
            {
                var builder = app.New();
                configure(builder);
                builder.Run(next);
                return builder.Build();
            });
            return http => branch.Value(http);
        });
}
