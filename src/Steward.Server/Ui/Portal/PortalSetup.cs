namespace Steward.Server.Ui.Portal;

public static class PortalSetup
{
    /// <summary>The portal's search sources. Another feature adds its own source where it registers its services.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection services) =>
        services.AddScoped<IPortalSearchSource, CatalogueSearch>();
}
