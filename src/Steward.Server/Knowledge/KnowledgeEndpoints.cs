namespace Steward.Server.Knowledge;

/// <summary>Every endpoint of the knowledge base, mapped in one call: communities, articles, and knowledge on records.</summary>
public static class KnowledgeEndpoints
{
    public static void MapKnowledge(this IEndpointRouteBuilder app)
    {
        app.MapCommunities();
        app.MapKnowledgeArticles();
        app.MapRecordKnowledge();
    }
}
