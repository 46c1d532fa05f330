using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Steward.Core.Identity;
using Steward.Server.Identity;

namespace Steward.Server.Ui;

/// <summary>
/// Makes the signed-in person the actor of a circuit, as <see cref="ActorMiddleware"/> does for a
/// request: the circuit's scope outlives the HTTP request that started it, so it has its own Actor.
/// </summary>
public sealed class ActorCircuitHandler(AuthenticationStateProvider authentication, ActorResolver resolver, Actor actor)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        return ResolveAsync(authentication.GetAuthenticationStateAsync(), cancellationToken);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        ResolveAsync(authentication.GetAuthenticationStateAsync(), cancellationToken);

    void OnAuthenticationChanged(Task<AuthenticationState> state) => _ = ResolveAsync(state, CancellationToken.None);

    async Task ResolveAsync(Task<AuthenticationState> state, CancellationToken ct)
    {
        var user = (await state).User;
        if (user.Identity?.IsAuthenticated == true)
            await resolver.ResolveAsync(user, actor, ct);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
