using System.Collections.Frozen;

namespace Steward.Core.Processes;

/// <summary>
/// The process library as one provider sees it: the built-in library with that provider's
/// tailored processes laid over it. Lookups are by ordinal key; it is immutable once built.
/// </summary>
public sealed class ProcessCatalog
{
    public static readonly ProcessCatalog BuiltIn = new([]);

    readonly FrozenDictionary<string, ProcessDefinition> byKey;
    readonly FrozenDictionary<string, ActivityDefinition> activities;
    readonly FrozenSet<string> tailored;

    public ProcessCatalog(IEnumerable<TailoredProcess> tailoredProcesses)
    {
        var own = tailoredProcesses.ToDictionary(t => t.Key, t => t.ToDefinition(), StringComparer.Ordinal);
        tailored = own.Keys.ToFrozenSet(StringComparer.Ordinal);
        // Library order first (lifecycle order), then the provider's own processes by name.
        All = BuiltInLibrary.Processes.Select(p => own.GetValueOrDefault(p.Key) ?? p)
            .Concat(own.Values.Where(p => BuiltInLibrary.Find(p.Key) is null).OrderBy(p => p.Name, StringComparer.Ordinal))
            .ToList();
        byKey = All.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);
        activities = All.SelectMany(p => p.Activities).ToFrozenDictionary(a => a.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProcessDefinition> All { get; }

    public ProcessDefinition? Find(string key) => byKey.GetValueOrDefault(key);

    public ActivityDefinition? FindActivity(string key) => activities.GetValueOrDefault(key);

    public bool IsTailored(string key) => tailored.Contains(key);

    /// <summary>The processes a new service starts with.</summary>
    public IReadOnlyList<string> DefaultForServices() => All.Where(p => p.DefaultForServices).Select(p => p.Key).ToList();

    /// <summary>The process an activity key belongs to: the part before the slash.</summary>
    public static string ProcessOf(string activityKey)
    {
        var slash = activityKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? activityKey : activityKey[..slash];
    }
}
