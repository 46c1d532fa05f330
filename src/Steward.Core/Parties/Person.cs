using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>Someone in one organization: an agent, an engineer, a requester. People sign in through their account.</summary>
public sealed class Person : IEntity, IArchivable, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>Stored lower-cased so that uniqueness ignores case.</summary>
    public required string Email { get; set; }
    public string? JobTitle { get; set; }
    public string? Phone { get; set; }
    /// <summary>IANA time-zone id, e.g. Europe/Amsterdam.</summary>
    public required string TimeZone { get; set; }
    /// <summary>BCP 47 locale, e.g. en-GB.</summary>
    public required string Locale { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? ArchivedAt { get; set; }
    public long Version { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
