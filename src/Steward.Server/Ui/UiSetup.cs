using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using MudBlazor.Services;
using Steward.Server.Ui.Portal;
using Steward.Core.Identity;

namespace Steward.Server.Ui;

/// <summary>Registration of the Blazor UI (MudBlazor, the component tree, sign-in pages).</summary>
public static class UiSetup
{
    public static void AddStewardUi(this WebApplicationBuilder builder)
    {
        // Package assets (_content/MudBlazor) are served from the NuGet cache when running from the
        // build output in any environment, not only Development; a published app has no manifest and this is a no-op.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<UiDb>();
        services.AddScoped<Incidents.RecordEditing>();
        services.AddPortal();
        Knowledge.KnowledgeUiSetup.AddKnowledgeUi(services);
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
    }

    public static void UseStewardUiMiddleware(this WebApplication app) => app.UseAntiforgery();

    public static void MapStewardUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        Knowledge.KnowledgeUiSetup.MapKnowledgeUi(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    static async Task<IResult> SignOutAsync(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/signin");
    }
}
