using Steward.Core.Identity;

namespace Steward.Server.Identity;

/// <summary>Makes the authenticated person the actor of the request's scope, before authorization runs.</summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, Actor actor, ActorResolver resolver)
    {
        if (http.User.Identity?.IsAuthenticated == true)
            await resolver.ResolveAsync(http.User, actor, http.RequestAborted);
        await next(http);
    }
}
