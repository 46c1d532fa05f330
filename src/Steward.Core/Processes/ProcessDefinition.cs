namespace Steward.Core.Processes;

/// <summary>The ITIL v3 lifecycle stage a process belongs to; the library and the matrix group processes by it.</summary>
public enum LifecycleStage
{
    Strategy,
    Design,
    Transition,
    Operation,
    Improvement,
}

/// <summary>A step of a process. <see cref="Key"/> is <c>&lt;process-key&gt;/&lt;activity-slug&gt;</c>, stable across library versions.</summary>
public sealed record ActivityDefinition(string Key, string Name, string Description);

/// <summary>A measure by which a process is usually judged; process-level agreements measure these, not service levels.</summary>
public sealed record KpiDefinition(string Key, string Name, string Unit, string Description);

/// <summary>
/// One process of the library. Keys are the lower-case, hyphenated ITIL v3 names; the ITIL 4
/// practices and ISO/IEC 20000-1:2018 clauses it maps to are named by their keys in
/// <see cref="BuiltInLibrary.Practices"/> and <see cref="BuiltInLibrary.Clauses"/>.
/// </summary>
public sealed record ProcessDefinition(
    string Key,
    string Name,
    LifecycleStage Stage,
    string Description,
    IReadOnlyList<ActivityDefinition> Activities,
    IReadOnlyList<KpiDefinition> Kpis,
    IReadOnlyList<string> Itil4Practices,
    IReadOnlyList<string> Iso20000Clauses,
    bool DefaultForServices);

/// <summary>An ITIL 4 practice; <see cref="Group"/> is "General management", "Service management" or "Technical management".</summary>
public sealed record PracticeDefinition(string Key, string Name, string Group);

/// <summary>A clause of ISO/IEC 20000-1:2018 section 8 ("8.5.1"), with its parent ("8.5") when it has one.</summary>
public sealed record ClauseDefinition(string Number, string Name, string? Parent);
