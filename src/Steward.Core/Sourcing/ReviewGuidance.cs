namespace Steward.Core.Sourcing;

/// <summary>A practice the relationship review recommends for a kind of sourcing, and the measures that show how it goes.</summary>
public sealed record ReviewPractice(string Key, string Title, string Why, IReadOnlyList<string> MeasureKeys);

/// <summary>
/// What to agree, measure and improve depends on what the provider delivers. A whole service is
/// run to service levels and reviewed with the customer; an outsourced process is run the way
/// business-process outsourcers run theirs, on process KPIs, volumes and cost per transaction;
/// lent skills are run the way knowledge-process outsourcers run theirs, on engagement, the skills
/// held and the know-how passed on. The review lists these for each service by its derived kind.
/// </summary>
public static class ReviewGuidance
{
    public static IReadOnlyList<ReviewPractice> For(SourcingKind kind) => kind switch
    {
        SourcingKind.ServiceOutsourcing =>
        [
            new("service-levels", "Service levels against the SLA",
                "The provider answers for the whole service: the customer buys outcomes, so the SLA's service levels are the yardstick.",
                ["sla-compliance", "response-time-median", "resolution-time-median"]),
            new("service-review", "A service review at least once a year",
                "A whole service is agreed once and reviewed regularly with the customer; the SLA's last review date shows whether it is due.", []),
            new("satisfaction", "Customer satisfaction",
                "Meeting the numbers is not the same as a satisfied customer: ask, and act on low ratings.", ["csat-mean", "csat-response-rate"]),
        ],
        SourcingKind.ProcessOutsourcing =>
        [
            new("process-kpis", "Process KPIs",
                "As business-process outsourcers do: the provider runs some processes end to end, so each process is measured by its own indicators, not the service's.",
                ["sla-compliance", "resolution-time-median", "first-contact-resolution", "reopen-rate"]),
            new("volumes", "Volumes",
                "Process work is priced and staffed by volume: the records handled each month and the queue left.", ["backlog"]),
            new("cost-per-transaction", "Cost per transaction",
                "A process is a unit of work; what each record costs to handle tells whether the process earns its price.", ["cost-per-record"]),
            new("process-maturity", "Process maturity",
                "A process-level agreement in place, its KPIs computed and given targets, reviewed within a year, and improvements open where a KPI misses.", []),
        ],
        SourcingKind.KnowledgeOutsourcing =>
        [
            new("engagement", "Time to engage",
                "As knowledge-process outsourcers do: the provider lends experts to the customer's own process, so what counts is how soon they are on the case.",
                ["time-to-engage-median"]),
            new("effort", "Effort and rework",
                "Skills are bought by the hour: the hours spent, and the work that came back.", ["effort-hours", "reopen-rate"]),
            new("skills-coverage", "Skills coverage",
                "The steps the provider performs call for skills its people must hold; coverage shows the risk of a gap.", []),
            new("knowledge-transfer", "Knowledge transfer and retention",
                "Lent know-how should stay with the customer: articles written from the work and reused on its records.", ["article-reuse-rate"]),
        ],
        _ =>
        [
            new("nothing-to-agree", "Nothing to agree",
                "The provider neither answers for a process of this service nor performs a step of it: the customer runs it in-house.", []),
        ],
    };
}
