namespace Steward.Server.Ui.Knowledge;

/// <summary>The knowledge base's pages: their services, and the download twin of the measures export.</summary>
public static class KnowledgeUiSetup
{
    public static IServiceCollection AddKnowledgeUi(this IServiceCollection services) =>
        services.AddScoped<KnowledgeUi>().AddScoped<Portal.IPortalSearchSource, KnowledgePortalSearch>();

    public static void MapKnowledgeUi(this IEndpointRouteBuilder app) => app.MapKnowledgeExports();
}
