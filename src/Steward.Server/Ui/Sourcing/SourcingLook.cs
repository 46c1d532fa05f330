using Steward.Core.Sourcing;
using Steward.Server.Sourcing;

namespace Steward.Server.Ui.Sourcing;

/// <summary>
/// How the sourcing pages name and colour kinds and parties, in one place so that the matrix, the
/// dashboard, the profile and the scope page read alike. Colours are CSS classes (steward.css) that
/// work in light and dark mode; the chart palette repeats them.
/// </summary>
public static class SourcingLook
{
    public static string Label(SourcingKind kind) => kind switch
    {
        SourcingKind.ServiceOutsourcing => "Service outsourcing",
        SourcingKind.ProcessOutsourcing => "Process outsourcing",
        SourcingKind.KnowledgeOutsourcing => "Knowledge outsourcing",
        _ => "None (in-house)",
    };

    /// <summary>One sentence a provider manager can act on: what the kind means for this relationship.</summary>
    public static string Meaning(SourcingKind kind) => kind switch
    {
        SourcingKind.ServiceOutsourcing => "The provider answers for every process of the service: the whole IT service, under an SLA.",
        SourcingKind.ProcessOutsourcing => "The provider answers for some whole processes, not all: agree a process-level agreement for each.",
        SourcingKind.KnowledgeOutsourcing => "The provider answers for no process and lends skills for steps of the customer's processes: a skills agreement.",
        _ => "The provider neither answers for nor performs any process of the service.",
    };

    public static string KindClass(SourcingKind kind) => kind switch
    {
        SourcingKind.ServiceOutsourcing => "kind-service",
        SourcingKind.ProcessOutsourcing => "kind-process",
        SourcingKind.KnowledgeOutsourcing => "kind-knowledge",
        _ => "kind-none",
    };

    /// <summary>The kinds in the order the charts and legends show them, strongest first.</summary>
    public static readonly SourcingKind[] Kinds =
        [SourcingKind.ServiceOutsourcing, SourcingKind.ProcessOutsourcing, SourcingKind.KnowledgeOutsourcing, SourcingKind.None];

    /// <summary>The chart colours of <see cref="Kinds"/>, the same as the kind-* classes.</summary>
    public static readonly string[] KindPalette = ["#2e7d32", "#1565c0", "#ef6c00", "#9e9e9e"];

    /// <summary>The colour class of a performer: the provider itself, one of its teams, a supplier, a contractor, the customer, or nobody.</summary>
    public static string PartyClass(PartyView? party) => party switch
    {
        null => "party-none",
        { Role: "provider", Type: PartyType.Team } => "party-provider-team",
        { Role: "provider" } => "party-provider",
        { Role: "supplier" } => "party-supplier",
        { Role: "contractor" } => "party-contractor",
        { Role: "customer" } => "party-customer",
        _ => "party-other",
    };

    /// <summary>"Alder Health Clinics'" rather than "Alder Health Clinics's".</summary>
    public static string Possessive(string? name) => name is null ? "" : name.EndsWith('s') ? name + "'" : name + "'s";

    public static string Label(AgreementType type) => type switch
    {
        AgreementType.ServiceLevelAgreement => "SLA",
        AgreementType.ProcessLevelAgreement => "Process-level agreement",
        AgreementType.SkillsAgreement => "Skills agreement",
        AgreementType.OperationalLevelAgreement => "OLA",
        _ => "Underpinning contract",
    };

    public static string Label(AssignmentSource source) => source switch
    {
        AssignmentSource.CustomerSpecific => "this customer's own assignment",
        AssignmentSource.ServiceWide => "the assignment for every customer",
        _ => "no assignment: the customer keeps it",
    };

    /// <summary>The legend of the matrix: class and words for each performer colour.</summary>
    public static readonly (string Class, string Label)[] PartyLegend =
    [
        ("party-provider", "Provider"), ("party-provider-team", "Provider's team"), ("party-supplier", "Supplier"),
        ("party-contractor", "Contractor"), ("party-customer", "Customer (or its team)"), ("party-none", "Nobody assigned: each customer keeps it"),
    ];
}
