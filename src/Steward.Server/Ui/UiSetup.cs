namespace Steward.Server.Ui;

/// <summary>Registration of the Blazor UI (MudBlazor, the component tree, sign-in pages).</summary>
public static class UiSetup
{
    public static void AddStewardUi(this WebApplicationBuilder builder) => _ = builder;

    public static void UseStewardUiMiddleware(this WebApplication app) => _ = app;

    public static void MapStewardUi(this WebApplication app) => _ = app;
}
