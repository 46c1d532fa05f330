using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>An entry of the shared skills catalogue (e.g. "PostgreSQL administration").</summary>
public sealed class Skill : IEntity, IArchivable, IVersioned
{
    public Guid Id { get; init; } = Ids.New();
    public required string Name { get; set; }
    public string? Category { get; set; }
    public string? Description { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? ArchivedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A person's command of a skill, from 1 (aware) to 5 (expert).</summary>
public sealed class PersonSkill : IEntity, IVersioned, ITenantScoped
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    public Guid Id { get; init; } = Ids.New();
    public Guid PersonId { get; init; }
    public Guid SkillId { get; init; }
    /// <summary>The person's organization.</summary>
    public Guid OrganizationId { get; set; }
    public int Level { get; set; }
    public Instant AssessedAt { get; set; }
    public long Version { get; set; }
}
