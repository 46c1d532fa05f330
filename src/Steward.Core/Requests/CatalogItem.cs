using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Requests;

/// <summary>
/// Something a customer's people can ask for from the service catalogue: it belongs to one of the
/// provider's services (and is seen by the customers subscribed to it), asks the questions of its
/// form, is approved stage by stage, and is fulfilled by its tasks.
/// </summary>
public sealed class CatalogItem : IEntity, IVersioned, ITenantScoped
{
    public const int MaxFields = 30;
    public const int MaxStages = 5;
    public const int MaxApprovers = 10;
    public const int MaxTasks = 20;

    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid ServiceId { get; set; }
    public required string Name { get; set; }
    /// <summary>One line for the catalogue's cards.</summary>
    public string? Summary { get; set; }
    /// <summary>Markdown: what the requester gets, what it costs, how long it takes.</summary>
    public string? Description { get; set; }
    public string? Category { get; set; }
    public List<FormField> Fields { get; set; } = [];
    public List<ApprovalStage> Stages { get; set; } = [];
    public List<TaskTemplate> Tasks { get; set; } = [];
    public TaskOrder TaskOrder { get; set; } = TaskOrder.Sequential;
    public bool IsActive { get; set; } = true;
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

public enum FieldType { Text, Number, Date, Choice, Person }

/// <summary>
/// One question of a catalogue item's form. <see cref="Key"/> names the answer in the API;
/// the limits apply by type: text length and pattern, number range, date range, choice options.
/// </summary>
public sealed record FormField(
    string Key,
    string Label,
    FieldType Type,
    bool Required = false,
    string? Help = null,
    IReadOnlyList<string>? Options = null,
    decimal? Min = null,
    decimal? Max = null,
    int? MaxLength = null,
    string? Pattern = null);

/// <summary>How an approver is found when the stage starts.</summary>
public enum ApproverKind
{
    /// <summary>A named person of the provider.</summary>
    Person,
    /// <summary>Everyone holding the role in the request's customer organization (or the provider's, for provider roles).</summary>
    Role,
    /// <summary>The owner of the item's service, as the portfolio records it when the stage starts.</summary>
    ServiceOwner,
}

public sealed record Approver(ApproverKind Kind, Guid? PersonId = null, string? Role = null);

/// <summary>Any: the first approval decides for the stage (a rejection only when everyone rejected). All: everyone approves; one rejection rejects.</summary>
public enum ApprovalRule { Any, All }

public sealed record ApprovalStage(string Name, ApprovalRule Rule, IReadOnlyList<Approver> Approvers);

/// <summary>A task fulfilment creates for the request: the team it goes to (null: the team working the request).</summary>
public sealed record TaskTemplate(string Title, string? Description = null, Guid? TeamId = null);

/// <summary>Sequential: each task opens when the one before is done. Parallel: all open at once.</summary>
public enum TaskOrder { Sequential, Parallel }

/// <summary>A requester's answer to one question, kept with the request as asked then (the form may change later).</summary>
public sealed record FormAnswer(string Key, string Label, FieldType Type, string Value, string Display);
