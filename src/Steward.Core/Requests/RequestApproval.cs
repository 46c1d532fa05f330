using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Requests;

public enum ApprovalDecision
{
    Pending,
    Approved,
    Rejected,
    /// <summary>The stage was decided without this approver (the rule was met, the request withdrawn or moved on).</summary>
    NotNeeded,
}

/// <summary>
/// One approver's say on one stage of a request. Shared with the customer: its people see how
/// their request's approval stands, and a customer's approver decides their own.
/// </summary>
public sealed class RequestApproval : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    /// <summary>1-based: stage 2 starts when stage 1 is approved.</summary>
    public int Stage { get; init; }
    public required string StageName { get; init; }
    public ApprovalRule Rule { get; init; }
    public Guid ApproverId { get; init; }
    /// <summary>How the approver came to approve: named, by role, or as the service's owner.</summary>
    public ApproverKind Via { get; init; }
    public ApprovalDecision Decision { get; set; } = ApprovalDecision.Pending;
    public string? Comment { get; set; }
    /// <summary>When the stage opened and the approver was asked; null while an earlier stage is still open.</summary>
    public Instant? RequestedAt { get; set; }
    public Instant? DecidedAt { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>Where a stage stands from its approvers' decisions.</summary>
public enum StageOutcome { Open, Approved, Rejected }

public static class ApprovalRules
{
    /// <summary>Any is an OR of the approvals (rejected when nobody is left who could approve); All is an AND (rejected at the first no).</summary>
    public static StageOutcome Outcome(ApprovalRule rule, IReadOnlyCollection<ApprovalDecision> decisions)
    {
        var counted = decisions.Where(d => d is not ApprovalDecision.NotNeeded).ToList();
        if (counted.Count == 0) return StageOutcome.Open;
        return rule switch
        {
            ApprovalRule.Any when counted.Contains(ApprovalDecision.Approved) => StageOutcome.Approved,
            ApprovalRule.Any when counted.All(d => d is ApprovalDecision.Rejected) => StageOutcome.Rejected,
            ApprovalRule.All when counted.Contains(ApprovalDecision.Rejected) => StageOutcome.Rejected,
            ApprovalRule.All when counted.All(d => d is ApprovalDecision.Approved) => StageOutcome.Approved,
            _ => StageOutcome.Open,
        };
    }
}
