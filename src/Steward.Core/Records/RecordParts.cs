using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Records;

/// <summary>A comment on a record. Internal comments are for the provider's people only.</summary>
public sealed class RecordComment : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public Guid? AuthorId { get; init; }
    public required string Body { get; init; }
    public bool IsPublic { get; init; }
    public Instant At { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>
/// Time spent on a record, by whom: labour cost in finance reads these. The entry is booked to the
/// record's customer, service and kind of sourcing as they were when the work was logged, copied so
/// that the P&amp;L sums a million entries from an index without joining the records; a change of the
/// record's service books its entries again (<see cref="Rebook"/>), as it corrects a mistake.
/// </summary>
public sealed class WorkLogEntry : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The party the work was done for the record as: the performer of the step at the time.</summary>
    public Guid? PartyId { get; init; }
    public int Minutes { get; init; }
    public LocalDate On { get; init; }
    public string? Note { get; init; }
    public Instant At { get; init; }
    /// <summary>The record's customer (fixed for a record's life).</summary>
    public Guid CustomerId { get; init; }
    /// <summary>The record's service, followed when it changes.</summary>
    public Guid? ServiceId { get; private set; }
    /// <summary>The record's kind of sourcing, as stamped on the record when its service was set.</summary>
    public Sourcing.SourcingKind? SourcingKind { get; private set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    /// <summary>Work on <paramref name="record"/>, booked to its customer, service and kind and done as its current performer.</summary>
    public static WorkLogEntry For(WorkRecord record, Guid personId, int minutes, LocalDate on, string? note, Instant at) => new()
    {
        RecordId = record.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, ServiceId = record.ServiceId, SourcingKind = record.SourcingKind,
        PersonId = personId, PartyId = record.PerformerId, Minutes = minutes, On = on, Note = note, At = at,
    };

    /// <summary>Follows the record's service and kind after it changed; false when the entry already had them.</summary>
    public bool Rebook(WorkRecord record)
    {
        if (ServiceId == record.ServiceId && SourcingKind == record.SourcingKind) return false;
        ServiceId = record.ServiceId;
        SourcingKind = record.SourcingKind;
        return true;
    }
}

/// <summary>A file attached to a record. The bytes live in <see cref="AttachmentContent"/> so lists never read them.</summary>
public sealed class RecordAttachment : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    /// <summary>Hex SHA-256 of the bytes, for integrity and duplicate detection.</summary>
    public required string Sha256 { get; init; }
    public bool IsPublic { get; init; } = true;
    public Guid? UploadedById { get; init; }
    public Instant At { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>The stored bytes of an attachment, in the database so that every server behind a proxy reads them.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; init; }
    public required byte[] Bytes { get; init; }
}

public enum LinkKind
{
    RelatesTo,
    DuplicateOf,
    CausedBy,
    ParentOf,
}

/// <summary>A directed link between two records of the same provider.</summary>
public sealed class RecordLink : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid FromId { get; init; }
    public Guid ToId { get; init; }
    public LinkKind Kind { get; init; }
    public Instant At { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>A provider's own impact × urgency matrix; without one, <see cref="PriorityMatrix.Default"/> holds.</summary>
public sealed class PrioritySetting : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid OrganizationId { get; init; }
    public required string Matrix { get; set; }
    public long Version { get; set; }
}

/// <summary>The next number of each kind of record, reserved in blocks (<see cref="RecordNumbers"/>).</summary>
public sealed class RecordCounter
{
    public RecordKind Kind { get; init; }
    public long Next { get; set; }
}
