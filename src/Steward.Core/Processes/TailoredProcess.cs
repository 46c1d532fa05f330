using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Processes;

/// <summary>
/// A provider's own version of a library process (renamed steps, its own KPIs), or a process of its
/// own that the library lacks. It replaces the built-in entry of the same key for that provider only.
/// </summary>
public sealed class TailoredProcess : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Key { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public LifecycleStage Stage { get; set; }
    public List<ActivityDefinition> Activities { get; set; } = [];
    public List<KpiDefinition> Kpis { get; set; } = [];
    public List<string> Itil4Practices { get; set; } = [];
    public List<string> Iso20000Clauses { get; set; } = [];
    /// <summary>The built-in library version this was tailored from; null for a process the library does not have.</summary>
    public string? BasedOnVersion { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public ProcessDefinition ToDefinition() =>
        new(Key, Name, Stage, Description, Activities, Kpis, Itil4Practices, Iso20000Clauses, BuiltInLibrary.Find(Key)?.DefaultForServices ?? false);
}
