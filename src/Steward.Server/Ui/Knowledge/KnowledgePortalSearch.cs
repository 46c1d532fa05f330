using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Server.Knowledge;
using Steward.Server.Ui.Portal;
using Steward.Server.Ui.Shared;

namespace Steward.Server.Ui.Knowledge;

/// <summary>
/// Published articles as a source of the portal's search box, before the catalogue: an answer may
/// solve the problem before anything is requested. The search is the API's (every word, each as a
/// prefix, of the title, text and tags; newest first); the tenancy filters of the person's context
/// decide what comes back, so a customer's person finds only the published articles meant for
/// them, never an Internal one.
/// </summary>
public sealed class KnowledgePortalSearch : IPortalSearchSource
{
    public string Heading => "Answers from the knowledge base";
    public string Searches => "knowledge";
    public int Order => 10;

    public async Task<IReadOnlyList<PortalHit>> SearchAsync(StewardDbContext db, string text, int limit, CancellationToken ct)
    {
        if (text.Length > KnowledgeLimits.Query) text = text[..KnowledgeLimits.Query];
        if (KnowledgeText.QueryWords(text).Count == 0) return [];
        var (page, _) = await new KnowledgeReader(db).ListAsync(new ArticleQuery { Q = text, State = nameof(ArticleState.Published), Limit = limit }, ct);
        if (page is null || page.Items.Count == 0) return [];
        var ids = page.Items.Select(a => a.Id).ToList();
        var bodies = await db.ArticleVersions.AsNoTracking().Where(v => ids.Contains(v.ArticleId) && v.State == VersionState.Published)
            .Select(v => new { v.ArticleId, v.Body }).ToDictionaryAsync(v => v.ArticleId, v => v.Body, ct);
        return page.Items.Select(a => new PortalHit(a.Title, Opening(bodies.GetValueOrDefault(a.Id)), $"/knowledge/articles/{a.Id}",
            a.Tags.Count == 0 ? Show.Words(a.Kind) : $"{Show.Words(a.Kind)} · {string.Join(" ", a.Tags.Select(t => "#" + t))}", Icons.Material.Filled.MenuBook)).ToList();
    }

    /// <summary>The first line of text of an article (no heading, no code fence), short enough for a card.</summary>
    static string? Opening(string? body)
    {
        var line = body?.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("```", StringComparison.Ordinal));
        if (line is null) return null;
        line = new string(line.Where(c => c is not ('*' or '_' or '`' or '>')).ToArray());
        return line.Length <= 200 ? line : line[..199].TrimEnd() + "…";
    }
}
