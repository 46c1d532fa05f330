using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>A party: a customer, a provider, or a supplier or contractor a provider engages.</summary>
public sealed class Organization : IEntity, IVersioned, ITenantScoped, IArchivable
{
    public Guid Id { get; init; } = Ids.New();
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = KeyOf(value);
        }
    }
    string name = "";

    /// <summary>
    /// The name as uniqueness sees it (trimmed, upper-case): indexed, so the duplicate check is a
    /// seek instead of a scan, and unique with the kind, so concurrent creates cannot both win.
    /// </summary>
    public string NameKey { get; private set; } = "";

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();
    public OrganizationKind Kind { get; set; }
    public string? Description { get; set; }
    public string? Website { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? ArchivedAt { get; set; }
    public long Version { get; set; }

    // An organization is its own tenant.
    Guid ITenantScoped.OrganizationId => Id;
}
