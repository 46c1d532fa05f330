using Steward.Core;

namespace Steward.Server.Ui.Portal;

/// <summary>One answer of the portal's search: where it leads and what it is.</summary>
public sealed record PortalHit(string Title, string? Summary, string Href, string? Caption, string Icon);

/// <summary>
/// A source of answers for the portal's one search box. The box asks every registered source
/// (<c>services.AddScoped&lt;IPortalSearchSource, …&gt;()</c>) and shows each one's answers under its
/// heading, in <see cref="Order"/>: the catalogue is one source; knowledge articles another.
/// </summary>
public interface IPortalSearchSource
{
    /// <summary>The heading of this source's answers: "Request something".</summary>
    string Heading { get; }

    /// <summary>What the box searches, for its placeholder: "the catalogue".</summary>
    string Searches { get; }

    /// <summary>Lower comes first: answers that may solve the problem belong before things to request.</summary>
    int Order { get; }

    /// <summary>
    /// At most <paramref name="limit"/> answers to <paramref name="text"/> (trimmed, two characters
    /// or more). <paramref name="db"/> is the signed-in person's: its tenancy filters apply, so a
    /// customer's person finds only what is meant for them.
    /// </summary>
    Task<IReadOnlyList<PortalHit>> SearchAsync(StewardDbContext db, string text, int limit, CancellationToken ct);
}
