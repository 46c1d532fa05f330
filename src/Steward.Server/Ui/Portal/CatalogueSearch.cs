using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Steward.Core;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Ui.Portal;

/// <summary>The catalogue as a source of the portal's search: active items whose name, summary or category holds every word.</summary>
public sealed class CatalogueSearch : IPortalSearchSource
{
    /// <summary>The catalogue the portal shows (and searches) at most: a provider's requestable items are tens, not thousands.</summary>
    public const int Largest = 500;

    public string Heading => "Request something";
    public string Searches => "the catalogue";
    public int Order => 20;

    public async Task<IReadOnlyList<PortalHit>> SearchAsync(StewardDbContext db, string text, int limit, CancellationToken ct)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return [];
        // Matched here rather than in SQL, so that both databases find the same items whatever the
        // case or alphabet: the catalogue is small (Largest) and read in one indexed query.
        var items = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name).Take(Largest)
            .Select(i => new { i.Id, i.Name, i.Summary, i.Category, i.ServiceId }).ToListAsync(ct);
        var found = items.Where(i => words.All(w => Holds(i.Name, w) || Holds(i.Summary, w) || Holds(i.Category, w)))
            .OrderBy(i => Holds(i.Name, words[0]) ? 0 : 1).Take(limit).ToList();
        var services = await PartyNames.OfAsync(db, found.Select(i => (Guid?)i.ServiceId));
        return found.Select(i => new PortalHit(i.Name, i.Summary, $"/portal/items/{i.Id}",
            $"{i.Category ?? "Request"} · {services.GetValueOrDefault(i.ServiceId)}", Icons.Material.Filled.Storefront)).ToList();
    }

    static bool Holds(string? text, string word) => text?.Contains(word, StringComparison.CurrentCultureIgnoreCase) == true;
}
