using Microsoft.AspNetCore.Routing;

namespace Steward.Server.Hosting;

/// <summary>Work done at start-up so that the first requests do not pay for it.</summary>
public static class StartupWarmUp
{
    /// <summary>
    /// Builds every endpoint once: each minimal-API endpoint's request delegate, its JSON contracts,
    /// the Blazor pages' routes. Routing would do this on the first request it sees (0.8 s of JIT on
    /// the bench machine); built here, beside the database's preparation, the real build that routing
    /// still makes later takes a few milliseconds (measured: 760–790 ms, then 12–36 ms).
    /// </summary>
    public static int BuildEndpoints(IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<EndpointDataSource>().Endpoints.Count;
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
