using Steward.Core.Identity;
using Steward.Server.Ui.Layout;

namespace Steward.Server.Ui.Homes;

/// <summary>The page each person lands on at "/".</summary>
public enum HomeKind
{
    /// <summary>The portal: one search box, report an incident, my requests and approvals.</summary>
    Portal,
    /// <summary>An agent's work: assigned to me, my teams' queue, clocks about to breach, approvals waiting.</summary>
    MyWork,
    /// <summary>A provider manager's sourcing dashboard and the desk's backlog.</summary>
    Sourcing,
    /// <summary>Service and process owners: their services, the open work on them, work by process.</summary>
    Ownership,
    /// <summary>Auditors: SLA compliance, the ISO/IEC 20000 scope, the latest changes in the journal.</summary>
    Compliance,
    /// <summary>Administrators: what Steward holds, and the latest changes.</summary>
    Overview,
}

public static class HomeChoice
{
    /// <summary>
    /// The home of <paramref name="viewer"/>. A person with several roles lands on the home of the
    /// first they hold of administrator, provider manager, agent, owner and auditor: an agent who also
    /// owns a process starts the day at the queue; the menu leads to the rest.
    /// </summary>
    public static HomeKind For(Viewer viewer) => viewer switch
    {
        { Audience: Audience.Portal } => HomeKind.Portal,
        _ when viewer.Has(Roles.Administrator) => HomeKind.Overview,
        _ when viewer.Has(Roles.ProviderManager) => HomeKind.Sourcing,
        _ when viewer.Has(Roles.Agent) => HomeKind.MyWork,
        _ when viewer.Has(Roles.ServiceOwner) || viewer.Has(Roles.ProcessOwner) => HomeKind.Ownership,
        _ when viewer.Has(Roles.Auditor) => HomeKind.Compliance,
        _ => HomeKind.Overview,
    };
}
