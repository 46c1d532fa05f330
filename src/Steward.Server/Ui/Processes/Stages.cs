using Steward.Core.Processes;

namespace Steward.Server.Ui.Processes;

/// <summary>The ITIL v3 books' names for the lifecycle stages, as people know them.</summary>
public static class Stages
{
    public static string Name(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Strategy => "Service strategy",
        LifecycleStage.Design => "Service design",
        LifecycleStage.Transition => "Service transition",
        LifecycleStage.Operation => "Service operation",
        _ => "Continual service improvement",
    };
}
