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

/// <summary>
/// Version 7 ids are time-ordered, so inserts append to the index instead of splitting pages, and
/// lists sort "by creation" on the id. Guid.CreateVersion7 orders only to the millisecond (the rest
/// is random), and this server creates several records a millisecond: ids made here also count up
/// within one (RFC 9562, method 3: the 12 bits after the version are a sequence), so two records
/// created one after the other always sort in that order.
/// </summary>
public static class Ids
{
    static readonly Lock Gate = new();
    static long lastMilliseconds;
    static int sequence;

    public static Guid New()
    {
        long milliseconds;
        int counter;
        lock (Gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (now > lastMilliseconds)
            {
                lastMilliseconds = now;
                sequence = 0;
            }
            else if (++sequence > 0xFFF)
            {
                // 4,096 ids in one millisecond: borrow the next one rather than repeat an order.
                lastMilliseconds++;
                sequence = 0;
            }
            milliseconds = lastMilliseconds;
            counter = sequence;
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
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
