using NodaTime;

namespace Steward.Core.Audit;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One journaled change of one entity, written in the transaction that made the change. Rows are
/// only ever inserted: the API offers no way to change or delete them.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Sequential, so that the journal pages by id in the order it was written.</summary>
    public long Id { get; init; }
    public Instant At { get; init; }
    public required string EntityType { get; init; }
    public Guid EntityId { get; init; }
    public AuditAction Action { get; init; }
    public Guid? ActorPersonId { get; init; }
    public Guid? ActorTokenId { get; init; }
    /// <summary>The tenant the changed entity belongs to; null for shared catalogues, visible to everyone who may read them.</summary>
    public Guid? OrganizationId { get; init; }
    /// <summary>JSON object: field name to {"before": v, "after": v}.</summary>
    public required string Changes { get; init; }
}
