using System.Collections.Frozen;
using System.Text;

namespace Steward.Core.Processes;

/// <summary>
/// The process library Steward ships: the 26 ITIL v3 processes with their steps and usual KPIs,
/// the 34 ITIL 4 practices and the ISO/IEC 20000-1:2018 clause 8 entries they map to. Only the
/// public structure of the frameworks (names and numbers) is used; all descriptions are Steward's own.
/// </summary>
public static class BuiltInLibrary
{
    /// <summary>Version of the built-in library; bump when content changes.</summary>
    public const string Version = "2026.11";

    const string Percent = "%", Hours = "hours", Days = "days", Count = "count", Score = "score", Currency = "currency";

    const string General = "General management", ServiceManagement = "Service management", Technical = "Technical management";

    /// <summary>The 34 ITIL 4 practices: 14 general, 17 service and 3 technical management practices.</summary>
    public static IReadOnlyList<PracticeDefinition> Practices { get; } =
    [
        Practice("Architecture management", General),
        Practice("Continual improvement", General),
        Practice("Information security management", General),
        Practice("Knowledge management", General),
        Practice("Measurement and reporting", General),
        Practice("Organizational change management", General),
        Practice("Portfolio management", General),
        Practice("Project management", General),
        Practice("Relationship management", General),
        Practice("Risk management", General),
        Practice("Service financial management", General),
        Practice("Strategy management", General),
        Practice("Supplier management", General),
        Practice("Workforce and talent management", General),

        Practice("Availability management", ServiceManagement),
        Practice("Business analysis", ServiceManagement),
        Practice("Capacity and performance management", ServiceManagement),
        Practice("Change enablement", ServiceManagement),
        Practice("Incident management", ServiceManagement),
        Practice("IT asset management", ServiceManagement),
        Practice("Monitoring and event management", ServiceManagement),
        Practice("Problem management", ServiceManagement),
        Practice("Release management", ServiceManagement),
        Practice("Service catalogue management", ServiceManagement),
        Practice("Service configuration management", ServiceManagement),
        Practice("Service continuity management", ServiceManagement),
        Practice("Service design", ServiceManagement),
        Practice("Service desk", ServiceManagement),
        Practice("Service level management", ServiceManagement),
        Practice("Service request management", ServiceManagement),
        Practice("Service validation and testing", ServiceManagement),

        Practice("Deployment management", Technical),
        Practice("Infrastructure and platform management", Technical),
        Practice("Software development and management", Technical),
    ];

    /// <summary>
    /// ITIL 4 practices that no ITIL v3 process of the library maps to: in ITIL v3 they were a
    /// function (service desk), a topic of the books rather than a process, or not covered at all.
    /// </summary>
    public static IReadOnlyList<string> PracticesWithoutItil3Process { get; } =
    [
        "architecture-management",
        "organizational-change-management",
        "risk-management",
        "workforce-and-talent-management",
        "business-analysis",
        "service-desk",
        "infrastructure-and-platform-management",
        "software-development-and-management",
    ];

    /// <summary>The entries of ISO/IEC 20000-1:2018 clause 8 (operation of the service management system).</summary>
    public static IReadOnlyList<ClauseDefinition> Clauses { get; } =
    [
        Clause("8.1", "Operational planning and control"),
        Clause("8.2", "Service portfolio"),
        Clause("8.2.1", "Service delivery"),
        Clause("8.2.2", "Plan the services"),
        Clause("8.2.3", "Control of parties involved in the service lifecycle"),
        Clause("8.2.4", "Service catalogue management"),
        Clause("8.2.5", "Asset management"),
        Clause("8.2.6", "Configuration management"),
        Clause("8.3", "Relationship and agreement"),
        Clause("8.3.2", "Business relationship management"),
        Clause("8.3.3", "Service level management"),
        Clause("8.3.4", "Supplier management"),
        Clause("8.3.4.1", "External suppliers"),
        Clause("8.3.4.2", "Internal suppliers and customers acting as a supplier"),
        Clause("8.4", "Supply and demand"),
        Clause("8.4.1", "Budgeting and accounting for services"),
        Clause("8.4.2", "Demand management"),
        Clause("8.4.3", "Capacity management"),
        Clause("8.5", "Service design, build and transition"),
        Clause("8.5.1", "Change management"),
        Clause("8.5.2", "Service design and transition"),
        Clause("8.5.3", "Release and deployment management"),
        Clause("8.6", "Resolution and fulfilment"),
        Clause("8.6.1", "Incident management"),
        Clause("8.6.2", "Service request management"),
        Clause("8.6.3", "Problem management"),
        Clause("8.7", "Service assurance"),
        Clause("8.7.1", "Service availability management"),
        Clause("8.7.2", "Service continuity management"),
        Clause("8.7.3", "Information security management"),
    ];

    /// <summary>The processes a typical live IT service needs for each customer; declared before <see cref="Processes"/>, which reads it.</summary>
    static readonly FrozenSet<string> DefaultForServices = FrozenSet.Create<string>(
        StringComparer.Ordinal,
        "incident-management",
        "request-fulfilment",
        "problem-management",
        "change-management",
        "service-asset-and-configuration-management",
        "release-and-deployment-management",
        "service-level-management",
        "availability-management",
        "capacity-management",
        "it-service-continuity-management",
        "information-security-management",
        "event-management",
        "access-management");

    /// <summary>The 26 ITIL v3 processes, in lifecycle order.</summary>
    public static IReadOnlyList<ProcessDefinition> Processes { get; } =
    [
        // Service strategy
        Process(
            "strategy-management", "Strategy management for IT services", LifecycleStage.Strategy,
            "Sets the long-term direction of the IT services and turns it into objectives and plans the other processes can act on.",
            practices: ["strategy-management"],
            clauses: ["8.2.2"],
            activities:
            [
                ("Strategic assessment", "Look at the provider's strengths, weaknesses and the outside forces that limit or open up its options."),
                ("Define market spaces", "Decide which customers and which business outcomes the provider means to serve."),
                ("Strategy generation", "Set the objectives and choose how the provider will reach them."),
                ("Strategy execution", "Break the strategy down into tactical plans and hand them to the processes that carry them out."),
                ("Measure and evaluate", "Track progress against the objectives and revise the strategy when circumstances change."),
            ],
            kpis:
            [
                ("Strategic objectives met", Percent, "Share of the objectives set for the period that were reached."),
                ("Plan actions on schedule", Percent, "Share of the actions in the strategic plan that were completed when planned."),
                ("Stakeholder confidence", Score, "How strongly business stakeholders rate the direction taken for IT services."),
            ]),
        Process(
            "service-portfolio-management", "Service portfolio management", LifecycleStage.Strategy,
            "Keeps every planned, live and retired service under one control so that investment goes where it brings the most value.",
            practices: ["portfolio-management"],
            clauses: ["8.2"],
            activities:
            [
                ("Define", "Take stock of existing and proposed services and the business case behind each of them."),
                ("Analyse", "Weigh the value, priority, cost and risk of each service against the available resources."),
                ("Approve", "Decide which proposals for new, changed or retired services go ahead."),
                ("Charter", "Announce the decisions and assign budget and people to the approved work."),
                ("Review the portfolio", "Check at set intervals that each service still earns its place."),
                ("Retire services", "Withdraw services that no longer deliver enough value, in a controlled way."),
            ],
            kpis:
            [
                ("Services with a current business case", Percent, "Share of services whose justification has been reviewed within the agreed period."),
                ("Portfolio reviews on schedule", Percent, "Share of planned portfolio reviews that took place on time."),
                ("Investments delivering expected value", Percent, "Share of approved service investments that reached the benefits promised for them."),
                ("Services retired on plan", Count, "Number of services withdrawn as the portfolio decisions intended."),
            ]),
        Process(
            "financial-management", "Financial management for IT services", LifecycleStage.Strategy,
            "Plans, tracks and, where agreed, charges the cost of IT services so that their funding and value are understood.",
            practices: ["service-financial-management"],
            clauses: ["8.4.1"],
            activities:
            [
                ("Budgeting", "Estimate what the services will cost in the coming period and secure the money for it."),
                ("Accounting", "Record actual spending and attribute it to the services and customers that caused it."),
                ("Cost modelling", "Work out what each service costs to deliver, including shared and indirect costs."),
                ("Charging", "Bill customers for their use of services where the organisation has chosen to do so."),
                ("Financial reporting", "Show budget holders how actual costs compare with the budget and explain differences."),
                ("Investment analysis", "Judge proposed service investments on their expected return."),
            ],
            kpis:
            [
                ("Budget variance", Percent, "Difference between budgeted and actual cost, relative to the budget."),
                ("Services with a known unit cost", Percent, "Share of services for which a cost per unit of use is established."),
                ("Disputed charges", Count, "Number of charges customers contested in the period."),
                ("Cost of IT per user", Currency, "Total cost of the IT services divided by the number of users served."),
            ]),
        Process(
            "demand-management", "Demand management", LifecycleStage.Strategy,
            "Anticipates and shapes how much customers will use the services so that capacity is ready in time without being wasted.",
            practices: ["capacity-and-performance-management"],
            clauses: ["8.4.2"],
            activities:
            [
                ("Identify patterns of business activity", "Find out when and how intensively the business uses each service."),
                ("Define user profiles", "Group users by the way they use services so their demand can be predicted."),
                ("Forecast demand", "Estimate future use from business plans, trends and the user profiles."),
                ("Influence demand", "Steer use away from peaks, for example through scheduling or pricing incentives."),
                ("Align with capacity planning", "Feed the forecasts to capacity management so supply follows demand."),
                ("Review demand patterns", "Compare actual use with the forecasts and refine the models."),
            ],
            kpis:
            [
                ("Demand forecast accuracy", Percent, "How close forecast use came to the use actually measured."),
                ("Capacity shortfalls caused by unforeseen demand", Count, "Number of times demand exceeded what had been planned for."),
                ("Idle capacity", Percent, "Share of provisioned capacity that went unused over the period."),
            ]),
        Process(
            "business-relationship-management", "Business relationship management", LifecycleStage.Strategy,
            "Builds a lasting relationship with each customer, learns what they need and makes sure the services keep meeting it.",
            practices: ["relationship-management"],
            clauses: ["8.3.2"],
            activities:
            [
                ("Identify customer needs", "Learn the customer's goals and translate them into requirements for services."),
                ("Maintain the customer relationship", "Keep regular contact with customers and stay aware of changes in their business."),
                ("Support business cases", "Help customers build the case for new or changed services."),
                ("Handle complaints and compliments", "Record customer feedback, make sure it is acted on and report back."),
                ("Measure customer satisfaction", "Survey customers regularly and follow up on the results."),
                ("Review outcomes with customers", "Discuss with each customer whether the services delivered what they needed."),
            ],
            kpis:
            [
                ("Customer satisfaction", Score, "Average rating customers give the provider in satisfaction surveys."),
                ("Complaints resolved within target", Percent, "Share of customer complaints closed within the agreed time."),
                ("Customer reviews held", Count, "Number of scheduled customer review meetings that took place."),
            ]),

        // Service design
        Process(
            "design-coordination", "Design coordination", LifecycleStage.Design,
            "Coordinates all design work for new or changed services so that designs are consistent, complete and ready to build.",
            practices: ["service-design"],
            clauses: ["8.5.2"],
            activities:
            [
                ("Plan design resources", "Decide which design work is needed and reserve the people and tools for it."),
                ("Coordinate design activities", "Keep the design work of the different processes and teams aligned."),
                ("Manage design risks and issues", "Track risks, issues and conflicts in the design work and get them resolved."),
                ("Produce the service design package", "Assemble everything needed to build, test and run the service into one package."),
                ("Review design quality", "Check the design against requirements and standards before it is handed over."),
                ("Hand over to transition", "Pass the approved design to service transition and answer questions about it."),
            ],
            kpis:
            [
                ("Designs delivered on schedule", Percent, "Share of design packages completed by their planned date."),
                ("Designs accepted without rework", Percent, "Share of design packages accepted by transition the first time."),
                ("Design-related incidents after go-live", Count, "Number of incidents traced back to design flaws in newly introduced services."),
            ]),
        Process(
            "service-catalogue-management", "Service catalogue management", LifecycleStage.Design,
            "Keeps one accurate catalogue of the services on offer, with what customers and support staff need to know about them.",
            practices: ["service-catalogue-management"],
            clauses: ["8.2.4"],
            activities:
            [
                ("Define services", "Agree what each service is, what it includes and whom it is for."),
                ("Agree catalogue content", "Settle with owners and customers which details each catalogue entry shows."),
                ("Publish the catalogue", "Make the catalogue available in the views different audiences need."),
                ("Maintain entries", "Update entries whenever a service is introduced, changed or withdrawn."),
                ("Verify accuracy", "Compare the catalogue regularly with the portfolio and the configuration records."),
            ],
            kpis:
            [
                ("Catalogue accuracy", Percent, "Share of catalogue entries found correct when checked."),
                ("Live services in the catalogue", Percent, "Share of live services that have a catalogue entry."),
                ("Late catalogue updates", Count, "Number of service changes not reflected in the catalogue by the time they went live."),
            ]),
        Process(
            "service-level-management", "Service level management", LifecycleStage.Design,
            "Agrees measurable service targets with customers, watches whether they are met and drives improvement where they are not.",
            practices: ["service-level-management"],
            clauses: ["8.3.3"],
            activities:
            [
                ("Determine service level requirements", "Find out which levels of service the customer actually needs."),
                ("Negotiate and agree service level agreements", "Settle achievable targets with the customer and record them."),
                ("Agree supporting agreements", "Make sure internal teams and suppliers commit to what the targets rely on."),
                ("Monitor service performance", "Measure the service continuously against the agreed targets."),
                ("Report on service levels", "Give customers regular, understandable reports on what was achieved."),
                ("Review service levels", "Meet customers to discuss results and whether the targets still fit."),
                ("Plan service improvements", "Start and follow up actions where targets are missed or at risk."),
            ],
            kpis:
            [
                ("Service targets met", Percent, "Share of agreed service targets achieved in the period."),
                ("Services covered by an agreement", Percent, "Share of live services that have agreed service levels."),
                ("Service level breaches", Count, "Number of times an agreed target was missed."),
                ("Service reviews on time", Percent, "Share of scheduled service reviews held when planned."),
                ("Customer satisfaction with service levels", Score, "How customers rate the service they receive against what was agreed."),
            ]),
        Process(
            "availability-management", "Availability management", LifecycleStage.Design,
            "Makes sure services are available when they are needed, at the agreed level and at a justifiable cost.",
            practices: ["availability-management"],
            clauses: ["8.7.1"],
            activities:
            [
                ("Determine availability requirements", "Establish when the service must be available and how much downtime is acceptable."),
                ("Design for availability", "Build resilience and redundancy into services in proportion to what is at stake."),
                ("Monitor availability", "Measure uptime of services and their key components."),
                ("Analyse unavailability", "Study outages to understand their causes and how to prevent or shorten them."),
                ("Test resilience", "Check that failover and redundancy work as designed."),
                ("Plan availability improvements", "Keep a plan of measures that raise availability where it falls short."),
                ("Report on availability", "Tell service owners and customers how available the services were."),
            ],
            kpis:
            [
                ("Service availability", Percent, "Share of agreed service time during which the service was usable."),
                ("Mean time between failures", Hours, "Average time a service runs between one failure and the next."),
                ("Mean time to restore service", Hours, "Average time from a failure until the service works again."),
                ("Service outages", Count, "Number of interruptions to agreed service in the period."),
            ]),
        Process(
            "capacity-management", "Capacity management", LifecycleStage.Design,
            "Makes sure services and infrastructure have enough capacity and performance for current and future needs, at sensible cost.",
            practices: ["capacity-and-performance-management"],
            clauses: ["8.4.3"],
            activities:
            [
                ("Assess business demand", "Turn business plans and demand forecasts into future capacity requirements."),
                ("Monitor performance and utilisation", "Measure how services and components perform and how heavily they are used."),
                ("Analyse and tune", "Find bottlenecks and adjust configurations to use existing capacity better."),
                ("Model and size", "Predict the effect of growth or change on capacity before it happens."),
                ("Produce the capacity plan", "Document current use, forecasts and the capacity changes recommended."),
                ("Implement capacity changes", "Add, remove or redistribute capacity through change management."),
            ],
            kpis:
            [
                ("Capacity-related incidents", Count, "Number of incidents caused by lack of capacity or poor performance."),
                ("Capacity forecast accuracy", Percent, "How close predicted resource use came to the use actually measured."),
                ("Peak utilisation", Percent, "Average of the highest utilisation reached by key components."),
                ("Capacity plan reviewed on time", Percent, "Share of scheduled capacity plan updates completed when planned."),
            ]),
        Process(
            "it-service-continuity-management", "IT service continuity management", LifecycleStage.Design,
            "Prepares for serious disruption so that critical IT services can be restored within the times the business needs.",
            practices: ["service-continuity-management"],
            clauses: ["8.7.2"],
            activities:
            [
                ("Business impact analysis", "Determine which services matter most and how fast they must come back after a disruption."),
                ("Risk assessment", "Identify threats that could cause a major disruption and how likely they are."),
                ("Define the continuity strategy", "Choose the mix of risk reduction and recovery options that fits the impact and risk."),
                ("Develop recovery plans", "Write down who does what to restore services and in which order."),
                ("Test recovery plans", "Rehearse recovery regularly and fix what the tests show."),
                ("Maintain the plans", "Keep plans current as services, people and suppliers change."),
                ("Invoke continuity", "Decide to activate the plans when a disruption occurs and lead the recovery."),
            ],
            kpis:
            [
                ("Recovery tests passed", Percent, "Share of recovery tests that met their recovery time and recovery point objectives."),
                ("Critical services with a tested plan", Percent, "Share of critical services whose recovery plan was tested in the past year."),
                ("Recovery time achieved in tests", Hours, "Average time needed to restore a service during recovery tests."),
                ("Plans reviewed on schedule", Percent, "Share of continuity plans reviewed by their due date."),
            ]),
        Process(
            "information-security-management", "Information security management", LifecycleStage.Design,
            "Protects the confidentiality, integrity and availability of information in line with the organisation's security policy.",
            practices: ["information-security-management"],
            clauses: ["8.7.3"],
            activities:
            [
                ("Define the security policy", "Set out, with management backing, how information is to be protected."),
                ("Assess security risks", "Identify threats to information and the vulnerabilities they could exploit."),
                ("Implement security controls", "Put technical, procedural and physical measures in place to reduce the risks."),
                ("Monitor and test controls", "Check regularly that the controls are in place and effective."),
                ("Manage security incidents", "Handle breaches and attempted breaches and learn from them."),
                ("Review and improve", "Update the policy and controls after audits, incidents and changes in threats."),
            ],
            kpis:
            [
                ("Security incidents", Count, "Number of confirmed security breaches in the period."),
                ("Controls tested on schedule", Percent, "Share of security controls tested when planned."),
                ("Security awareness training completed", Percent, "Share of staff who completed the required security training."),
                ("Open high-risk findings", Count, "Number of unresolved high-risk findings from audits and assessments."),
            ]),
        Process(
            "supplier-management", "Supplier management", LifecycleStage.Design,
            "Manages suppliers and their contracts so that they deliver the agreed value and support the service targets.",
            practices: ["supplier-management"],
            clauses: ["8.3.4"],
            activities:
            [
                ("Define the supplier policy", "Decide how suppliers are chosen and managed and what is bought from outside."),
                ("Evaluate and select suppliers", "Compare candidate suppliers on capability, cost and risk and pick one."),
                ("Negotiate contracts", "Agree terms, targets and responsibilities with the chosen supplier."),
                ("Manage supplier performance", "Review the supplier's results against the contract and act on shortfalls."),
                ("Renew or terminate contracts", "Decide at the end of a term whether to continue, renegotiate or end the contract."),
                ("Maintain the supplier register", "Keep a complete record of suppliers and contracts."),
            ],
            kpis:
            [
                ("Suppliers meeting contract targets", Percent, "Share of suppliers that achieved their contractual targets."),
                ("Contracts reviewed on schedule", Percent, "Share of contracts reviewed by their due date."),
                ("Supplier-caused incidents", Count, "Number of incidents traced back to a supplier."),
                ("Supplier disputes", Count, "Number of formal disputes raised with suppliers."),
            ]),

        // Service transition
        Process(
            "transition-planning-and-support", "Transition planning and support", LifecycleStage.Transition,
            "Plans and coordinates the people and resources needed to bring new or changed services into operation on time and with controlled risk.",
            practices: ["project-management"],
            clauses: ["8.5.2"],
            activities:
            [
                ("Set the transition strategy", "Agree how transitions are organised, governed and staffed."),
                ("Plan the transition", "Lay out the work, resources, milestones and risks of each transition."),
                ("Coordinate resources", "Share people and environments fairly among transitions running at the same time."),
                ("Prepare the transition", "Check that the baseline, the plan and the receiving teams are ready to start."),
                ("Monitor progress", "Follow each transition against its plan and deal with deviations."),
                ("Report and close the transition", "Report the outcome, record lessons learned and close the transition formally."),
            ],
            kpis:
            [
                ("Transitions on schedule", Percent, "Share of transitions completed by their planned date."),
                ("Transitions within budget", Percent, "Share of transitions completed within their approved budget."),
                ("Issues found after transition", Count, "Number of problems with a transition discovered once the service was live."),
            ]),
        Process(
            "change-management", "Change management", LifecycleStage.Transition,
            "Controls every change to services and their components so that useful changes happen with as little risk and disruption as possible.",
            practices: ["change-enablement"],
            clauses: ["8.5.1"],
            activities:
            [
                ("Recording the request for change", "Register the proposed change with enough detail to judge it."),
                ("Review", "Reject requests that are incomplete, impractical or duplicates, and return them to the requester."),
                ("Assessment and evaluation", "Weigh the benefits, cost, risk and impact of the change on services."),
                ("Authorisation (CAB)", "Have the right authority, with advice from the change advisory board, approve or reject the change."),
                ("Planning and coordinating build and test", "Arrange for the change to be built and tested by the teams responsible."),
                ("Authorising deployment", "Confirm the change is ready to go into the live environment."),
                ("Coordinating deployment", "Make sure the change is deployed as planned and can be backed out."),
                ("Review and closure", "Check that the change met its objectives, record the outcome and close it."),
            ],
            kpis:
            [
                ("Change success rate", Percent, "Share of changes implemented as planned without being backed out or causing failure."),
                ("Emergency change rate", Percent, "Share of changes handled through the emergency route."),
                ("Changes causing incidents", Percent, "Share of implemented changes that led to one or more incidents."),
                ("Unauthorised changes", Count, "Number of changes found that bypassed the process."),
                ("Change lead time", Days, "Average time from recording a change to its deployment."),
            ]),
        Process(
            "service-asset-and-configuration-management", "Service asset and configuration management", LifecycleStage.Transition,
            "Identifies, controls and records the assets and configuration items that make up the services, and how they relate to each other.",
            practices: ["service-configuration-management", "it-asset-management"],
            clauses: ["8.2.5", "8.2.6"],
            activities:
            [
                ("Management and planning", "Decide what is recorded, to what level of detail and by whom."),
                ("Configuration identification", "Select configuration items, give them identifiers and record their relationships."),
                ("Configuration control", "Allow configuration records to change only through authorised changes."),
                ("Status accounting and reporting", "Track the state of each item through its lifecycle and report on it."),
                ("Verification and audit", "Compare the records with reality and correct differences."),
            ],
            kpis:
            [
                ("Configuration record accuracy", Percent, "Share of audited configuration records that matched reality."),
                ("Unauthorised configuration changes found", Count, "Number of differences found that no authorised change explains."),
                ("Incidents linked to a configuration item", Percent, "Share of incidents recorded against the affected configuration item."),
                ("Audit findings", Count, "Number of findings from configuration audits."),
            ]),
        Process(
            "release-and-deployment-management", "Release and deployment management", LifecycleStage.Transition,
            "Plans, builds, tests and deploys releases into the live environment while protecting the services already running.",
            practices: ["release-management", "deployment-management"],
            clauses: ["8.5.3"],
            activities:
            [
                ("Release planning", "Decide what goes into a release, how it is deployed and when."),
                ("Build and test", "Assemble the release package and test it in a controlled environment."),
                ("Prepare for deployment", "Make sure target environments, people and back-out arrangements are ready."),
                ("Deployment", "Install the release in the live environment and verify that it works."),
                ("Early life support", "Give extra support right after go-live until the service is stable."),
                ("Review and close", "Evaluate the release, capture lessons learned and close it."),
            ],
            kpis:
            [
                ("Releases deployed successfully", Percent, "Share of releases deployed without being rolled back."),
                ("Releases deployed on schedule", Percent, "Share of releases deployed in their planned window."),
                ("Incidents caused by releases", Count, "Number of incidents traced back to a recent release."),
                ("Rollbacks", Count, "Number of releases that had to be backed out."),
            ]),
        Process(
            "service-validation-and-testing", "Service validation and testing", LifecycleStage.Transition,
            "Confirms that a new or changed service does what it is meant to do and can be used as intended before it goes live.",
            practices: ["service-validation-and-testing"],
            clauses: ["8.5.2"],
            activities:
            [
                ("Plan and design tests", "Decide what is tested, how and against which acceptance criteria."),
                ("Verify the test plan", "Check that the planned tests cover the requirements and the risks."),
                ("Prepare the test environment", "Set up environments and test data that resemble live conditions."),
                ("Perform tests", "Run the tests and record the results and defects."),
                ("Evaluate exit criteria and report", "Compare results with the acceptance criteria and report readiness."),
                ("Clean up and close", "Release the test environments and capture lessons for future tests."),
            ],
            kpis:
            [
                ("Defects found before go-live", Percent, "Share of all known defects that testing found before release."),
                ("Defects found after go-live", Count, "Number of defects discovered in live use that testing missed."),
                ("Tests passed first time", Percent, "Share of test cases that passed on their first run."),
                ("Test cycle time", Days, "Average time from start of testing to the test report."),
            ]),
        Process(
            "change-evaluation", "Change evaluation", LifecycleStage.Transition,
            "Judges the expected and actual effects of significant changes against what was intended, so that decision makers have sound information.",
            practices: ["change-enablement"],
            clauses: ["8.5.1"],
            activities:
            [
                ("Plan the evaluation", "Decide which aspects of the change are evaluated and when."),
                ("Evaluate predicted performance", "Estimate how the change will behave before it is authorised."),
                ("Evaluate actual performance", "Measure how the change behaves once it is in use."),
                ("Manage risks", "Identify the risks the evaluation reveals and whether they are acceptable."),
                ("Report the evaluation", "Give the change authority a clear recommendation based on the findings."),
            ],
            kpis:
            [
                ("Evaluations completed on time", Percent, "Share of evaluations delivered before the decision they inform."),
                ("Changes meeting their intended effect", Percent, "Share of evaluated changes whose actual effect matched the intended one."),
                ("Incidents from evaluated changes", Count, "Number of incidents caused by changes that had been evaluated."),
            ]),
        Process(
            "knowledge-management", "Knowledge management", LifecycleStage.Transition,
            "Captures and shares knowledge so that people can find reliable information when they need it and do not rediscover it.",
            practices: ["knowledge-management"],
            clauses: [],
            activities:
            [
                ("Knowledge strategy", "Decide which knowledge matters, who owns it and how it is kept."),
                ("Capture knowledge", "Record what people learn while working, in a reusable form."),
                ("Transfer knowledge", "Pass knowledge to the people who need it, for example at handovers and in training."),
                ("Manage data and information", "Keep the underlying data and information sound, secure and accessible."),
                ("Review and retire articles", "Check articles regularly and remove those that are outdated."),
            ],
            kpis:
            [
                ("Incidents resolved with a knowledge article", Percent, "Share of incidents resolved using an existing article."),
                ("Articles reviewed on schedule", Percent, "Share of articles checked by their review date."),
                ("Article usefulness", Score, "Average rating users give the articles they used."),
            ]),

        // Service operation
        Process(
            "event-management", "Event management", LifecycleStage.Operation,
            "Detects and interprets changes of state across services and infrastructure and triggers the right response.",
            practices: ["monitoring-and-event-management"],
            clauses: [],
            activities:
            [
                ("Event notification", "Components or monitoring tools report a change of state."),
                ("Event detection", "The monitoring system picks up the notification and reads it."),
                ("Filtering", "Discard events that need no attention, or only record them."),
                ("Classification", "Decide whether the event is informational, a warning or an exception."),
                ("Correlation", "Relate the event to others to find its meaning and likely cause."),
                ("Trigger response", "Start the right action: an automated fix, an alert, an incident or a change."),
                ("Review actions", "Check that the response was carried out and worked."),
                ("Closure", "Close the event once its follow-up is finished."),
            ],
            kpis:
            [
                ("Events requiring action", Percent, "Share of events that needed a response."),
                ("Incidents raised from events", Count, "Number of incidents opened automatically or manually from events."),
                ("False alarms", Percent, "Share of alerts that turned out to need no action."),
                ("Mean time to detect", Hours, "Average time between a failure starting and it being detected."),
            ]),
        Process(
            "incident-management", "Incident management", LifecycleStage.Operation,
            "Restores normal service as quickly as possible after an unplanned interruption or loss of quality, keeping the impact on the business small.",
            practices: ["incident-management"],
            clauses: ["8.6.1"],
            activities:
            [
                ("Identification", "Notice that something is wrong, through a user report, monitoring or staff."),
                ("Logging", "Record the incident with time, reporter, affected service and symptoms."),
                ("Categorisation", "Assign a category so the incident reaches the right team and can be analysed later."),
                ("Prioritisation", "Set the priority from the impact on the business and the urgency."),
                ("Initial diagnosis", "Try to understand and fix the issue at first contact, using known errors and articles."),
                ("Escalation", "Pass the incident to a more specialised team or to management when needed."),
                ("Investigation and diagnosis", "Find out what went wrong and how to restore the service."),
                ("Resolution and recovery", "Apply the fix or workaround and confirm that service is restored."),
                ("Closure", "Confirm with the user that the incident is solved, complete the record and close it."),
            ],
            kpis:
            [
                ("Mean time to respond", Hours, "Average time from logging an incident to the first response by support."),
                ("Mean time to resolve", Hours, "Average time from logging an incident to restoring the service."),
                ("Resolved within target", Percent, "Share of incidents resolved within the target time for their priority."),
                ("First-contact resolution rate", Percent, "Share of incidents resolved at first contact, without escalation or call-back."),
                ("Reopen rate", Percent, "Share of resolved incidents that had to be reopened."),
                ("Open backlog", Count, "Number of incidents still open at the end of the period, reported by age."),
                ("Escalation rate", Percent, "Share of incidents escalated to another support level."),
            ]),
        Process(
            "request-fulfilment", "Request fulfilment", LifecycleStage.Operation,
            "Handles users' standard requests for information, access, products or small changes through agreed, repeatable procedures.",
            practices: ["service-request-management"],
            clauses: ["8.6.2"],
            activities:
            [
                ("Receiving and logging", "Accept the request through any channel and record it."),
                ("Validation", "Check that the request is complete, legitimate and comes from an entitled requester."),
                ("Categorisation", "Assign the request to a request type so the matching procedure applies."),
                ("Prioritisation", "Set the priority from the requester's needs and the agreed targets."),
                ("Authorisation (approval)", "Obtain the financial or other approval the request type requires."),
                ("Fulfilment", "Carry out the steps of the procedure, involving other teams as needed."),
                ("Closure", "Confirm delivery with the requester and close the record."),
            ],
            kpis:
            [
                ("Mean fulfilment time", Hours, "Average time from logging a request to its fulfilment."),
                ("Fulfilled within target", Percent, "Share of requests fulfilled within their agreed time."),
                ("Approval lead time", Hours, "Average time requests wait for the approval they need."),
                ("Open backlog", Count, "Number of requests still open at the end of the period."),
                ("Requester satisfaction", Score, "Average rating requesters give after fulfilment."),
            ]),
        Process(
            "problem-management", "Problem management", LifecycleStage.Operation,
            "Finds and removes the underlying causes of incidents and reduces the impact of those that cannot yet be prevented.",
            practices: ["problem-management"],
            clauses: ["8.6.3"],
            activities:
            [
                ("Detection", "Spot a problem from recurring incidents, trend analysis, suppliers or a major incident."),
                ("Logging", "Record the problem and link it to the related incidents."),
                ("Categorisation", "Classify the problem in the same way as incidents so trends can be compared."),
                ("Prioritisation", "Set the priority from the impact, the frequency and the cost of the related incidents."),
                ("Investigation and diagnosis", "Analyse the problem until its root cause is found."),
                ("Workaround", "Find a temporary way to reduce the impact while the permanent fix is pending."),
                ("Known error recording", "Record the cause and workaround so support can resolve related incidents faster."),
                ("Resolution", "Remove the root cause, usually through a change."),
                ("Closure", "Confirm the fix worked, update the known error and close the problem and its incidents."),
                ("Major problem review", "Look back at major problems to learn what went well and what to improve."),
            ],
            kpis:
            [
                ("Time to root cause", Days, "Average time from logging a problem to identifying its root cause."),
                ("Known errors recorded", Count, "Number of known errors recorded in the period."),
                ("Incidents avoided per known error", Count, "Average number of incidents prevented or resolved faster thanks to each known error."),
                ("Open backlog", Count, "Number of problems still open at the end of the period."),
            ]),
        Process(
            "access-management", "Access management", LifecycleStage.Operation,
            "Grants authorised users the right to use services and keeps others out, putting the security policy into practice.",
            practices: ["information-security-management"],
            clauses: ["8.7.3"],
            activities:
            [
                ("Request access", "Receive a request for access from a user, a manager or an HR event."),
                ("Verification", "Confirm the requester's identity and that the access is legitimately needed."),
                ("Provide rights", "Grant the rights the role requires, and no more."),
                ("Monitor identity status", "Adjust rights when people change roles, go on leave or leave."),
                ("Log and track access", "Record how access is used and detect misuse."),
                ("Remove or restrict rights", "Withdraw or limit access when it is no longer justified."),
            ],
            kpis:
            [
                ("Access requests fulfilled within target", Percent, "Share of access requests completed within the agreed time."),
                ("Access-related incidents", Count, "Number of incidents caused by wrong or missing access rights."),
                ("Leaver accounts removed on time", Percent, "Share of departing users whose access was withdrawn by their last day."),
                ("Access reviews completed", Percent, "Share of scheduled access reviews that were carried out."),
            ]),

        // Continual service improvement
        Process(
            "seven-step-improvement", "Seven-step improvement process", LifecycleStage.Improvement,
            "Improves services and processes in steady cycles by measuring what matters, analysing it and acting on the results.",
            practices: ["continual-improvement", "measurement-and-reporting"],
            clauses: [],
            activities:
            [
                ("Identify the strategy for improvement", "Start from the vision, business needs and goals the improvement must serve."),
                ("Define what to measure", "Choose the measures that show whether the goals are met."),
                ("Gather the data", "Collect the data for those measures from tools and people."),
                ("Process the data", "Put the data into a consistent, usable form."),
                ("Analyse the information and data", "Look for trends, gaps and their causes."),
                ("Present and use the information", "Share the findings with those who decide and agree on actions."),
                ("Implement improvement", "Carry out the agreed actions and feed the results into the next cycle."),
            ],
            kpis:
            [
                ("Improvements implemented", Count, "Number of improvement actions completed in the period."),
                ("Improvements delivering the expected benefit", Percent, "Share of completed improvements that achieved what they set out to."),
                ("Time from idea to implementation", Days, "Average time from recording an improvement to completing it."),
            ]),
    ];

    static readonly FrozenDictionary<string, ProcessDefinition> ByKey =
        Processes.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>The process with the given key (compared ordinally), or null when there is none.</summary>
    public static ProcessDefinition? Find(string processKey) =>
        ByKey.TryGetValue(processKey, out var process) ? process : null;

    static ProcessDefinition Process(
        string key,
        string name,
        LifecycleStage stage,
        string description,
        IReadOnlyList<string> practices,
        IReadOnlyList<string> clauses,
        IReadOnlyList<(string Name, string Description)> activities,
        IReadOnlyList<(string Name, string Unit, string Description)> kpis)
    {
        IReadOnlyList<ActivityDefinition> steps = [.. activities.Select(a => new ActivityDefinition($"{key}/{Slug(a.Name)}", a.Name, a.Description))];
        IReadOnlyList<KpiDefinition> measures = [.. kpis.Select(k => new KpiDefinition(Slug(k.Name), k.Name, k.Unit, k.Description))];
        return new ProcessDefinition(key, name, stage, description, steps, measures, practices, clauses, DefaultForServices.Contains(key));
    }

    static PracticeDefinition Practice(string name, string group) => new(Slug(name), name, group);

    static ClauseDefinition Clause(string number, string name)
    {
        var parent = number.Count(c => c == '.') > 1 ? number[..number.LastIndexOf('.')] : null;
        return new ClauseDefinition(number, name, parent);
    }

    /// <summary>Lower-case, hyphenated form of a name; a part in parentheses ("Authorisation (CAB)") is left out.</summary>
    static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name)
        {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth > 0) continue;
            else if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().TrimEnd('-');
    }
}
