namespace Steward.Core.Sourcing;

/// <summary>What a provider really delivers to a customer for one service, derived from who answers for and who performs its processes.</summary>
public enum SourcingKind
{
    /// <summary>The provider answers for no process and performs no step: the customer runs the service (in-house).</summary>
    None,
    /// <summary>The provider only lends skills for steps of processes another party answers for (like KPO).</summary>
    KnowledgeOutsourcing,
    /// <summary>The provider answers for one or more whole processes of the service, but not all (like BPO).</summary>
    ProcessOutsourcing,
    /// <summary>The provider answers for every process of the service: the whole IT service.</summary>
    ServiceOutsourcing,
}

public enum AgreementType
{
    /// <summary>Provider ↔ customer, for the whole service, measured by service levels.</summary>
    ServiceLevelAgreement,
    /// <summary>Provider ↔ customer, for one process, measured by the process's KPIs.</summary>
    ProcessLevelAgreement,
    /// <summary>Accountable party ↔ provider, for the steps the provider performs, measured by engagement, effort, rework and skills.</summary>
    SkillsAgreement,
    /// <summary>Accountable organization ↔ one of its own teams.</summary>
    OperationalLevelAgreement,
    /// <summary>Accountable organization ↔ a supplier or contractor (or another party acting as one).</summary>
    UnderpinningContract,
}
