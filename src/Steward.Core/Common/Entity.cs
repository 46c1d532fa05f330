namespace Steward.Core.Common;

/// <summary>A domain entity: journaled on every change and addressed by a GUID v7 id.</summary>
public interface IEntity
{
    Guid Id { get; }
}

/// <summary>An entity updated under optimistic concurrency: its version is the ETag clients echo in If-Match.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>
/// An entity that belongs to one organization's tenancy. Query filters and write checks use this
/// key, so it is stored on the row itself (denormalised where the owner is a parent) to keep every
/// filter a single indexed comparison.
/// </summary>
public interface ITenantScoped
{
    Guid OrganizationId { get; }
}

public static class Ids
{
    // Version 7 ids are time-ordered: inserts append to the index instead of splitting pages.
    public static Guid New() => Guid.CreateVersion7();
}

/// <summary>
/// An entity that is archived rather than deleted once other records refer to it: archived rows
/// drop out of lists and pickers but keep their history.
/// </summary>
public interface IArchivable
{
    NodaTime.Instant? ArchivedAt { get; set; }
}

public static class ArchivableRules
{
    public static RuleViolation? Archive(this IArchivable entity, NodaTime.Instant now)
    {
        if (entity.ArchivedAt is not null) return new($"The {entity.GetType().Name.ToLowerInvariant()} is already archived.");
        entity.ArchivedAt = now;
        return null;
    }

    public static RuleViolation? Restore(this IArchivable entity)
    {
        if (entity.ArchivedAt is null) return new($"The {entity.GetType().Name.ToLowerInvariant()} is not archived.");
        entity.ArchivedAt = null;
        return null;
    }
}
