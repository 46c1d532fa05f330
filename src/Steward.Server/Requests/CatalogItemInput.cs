using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Identity;
using Steward.Core.Requests;
using Steward.Server.Api;

namespace Steward.Server.Requests;

[ValidatableType]
public sealed record FormFieldBody(
    [property: Required, StringLength(40, MinimumLength = 1)] string Key,
    [property: Required, StringLength(CatalogLimits.Name, MinimumLength = 1), SingleLine] string Label,
    [property: Required] FieldType Type,
    bool Required = false,
    [property: StringLength(CatalogLimits.Summary), SingleLine] string? Help = null,
    [property: MaxLength(50)] string[]? Options = null,
    [property: Range(-1e12, 1e12)] decimal? Min = null,
    [property: Range(-1e12, 1e12)] decimal? Max = null,
    [property: Range(1, FormAnswers.MaxText)] int? MaxLength = null,
    [property: StringLength(200)] string? Pattern = null);

[ValidatableType]
public sealed record ApproverBody([property: Required] ApproverKind Kind, Guid? PersonId = null, [property: StringLength(40)] string? Role = null);

[ValidatableType]
public sealed record ApprovalStageBody(
    [property: Required, StringLength(CatalogLimits.Name, MinimumLength = 1), SingleLine] string Name,
    [property: Required, MinLength(1), MaxLength(CatalogItem.MaxApprovers)] ApproverBody[] Approvers,
    ApprovalRule Rule = ApprovalRule.Any);

[ValidatableType]
public sealed record TaskTemplateBody(
    [property: Required, StringLength(CatalogLimits.TaskTitle, MinimumLength = 1), SingleLine] string Title,
    [property: StringLength(4000), PlainText] string? Description = null,
    Guid? TeamId = null);

/// <summary>POST and PUT /api/v1/catalog-items. The provider is the service's.</summary>
public sealed record CatalogItemBody(
    [property: Required, StringLength(CatalogLimits.Name, MinimumLength = 1), SingleLine] string Name,
    [property: Required] Guid ServiceId,
    [property: StringLength(CatalogLimits.Summary), SingleLine] string? Summary = null,
    [property: StringLength(CatalogLimits.Description), PlainText] string? Description = null,
    [property: StringLength(CatalogLimits.Category), SingleLine] string? Category = null,
    [property: MaxLength(CatalogItem.MaxFields)] FormFieldBody[]? Fields = null,
    [property: MaxLength(CatalogItem.MaxStages)] ApprovalStageBody[]? Stages = null,
    [property: MaxLength(CatalogItem.MaxTasks)] TaskTemplateBody[]? Tasks = null,
    TaskOrder TaskOrder = TaskOrder.Sequential,
    bool IsActive = true);

public sealed record CatalogItemView(Guid Id, Guid ProviderId, Guid ServiceId, string Name, string? Summary, string? Description, string DescriptionHtml,
    string? Category, IReadOnlyList<FormField> Fields, IReadOnlyList<ApprovalStage> Stages, IReadOnlyList<TaskTemplate> Tasks, TaskOrder TaskOrder,
    bool IsActive, Instant CreatedAt, long Version)
{
    public static CatalogItemView Of(CatalogItem i) => new(i.Id, i.ProviderId, i.ServiceId, i.Name, i.Summary, i.Description,
        Records.MarkdownText.ToHtml(i.Description), i.Category, i.Fields, i.Stages, i.Tasks, i.TaskOrder, i.IsActive, i.CreatedAt, i.Version);
}

/// <summary>The rules of a catalogue item, shared by the API and the item editor. Every broken rule names its field.</summary>
public static partial class CatalogItemInput
{
    [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,39}$")]
    private static partial Regex KeyShape();

    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, CatalogItem item, CatalogItemBody body, CancellationToken ct = default)
    {
        var provider = item.ProviderId;
        var name = body.Name.Trim();
        if (!await db.Services.AnyAsync(s => s.Id == body.ServiceId && s.ProviderId == provider && s.Lifecycle != Core.Portfolio.ServiceLifecycle.Retired, ct))
            return new("No live or planned service of the provider has this id.", "serviceId");
        if (await db.CatalogItems.AnyAsync(i => i.ProviderId == provider && i.Name == name && i.Id != item.Id, ct))
            return new($"The catalogue already has an item named '{name}'.", "name");

        if ((NullIn(body.Fields, "fields") ?? NullIn(body.Stages, "stages") ?? NullIn(body.Tasks, "tasks")) is { } missing) return missing;
        for (var i = 0; i < (body.Stages?.Length ?? 0); i++)
            if (NullIn(body.Stages![i].Approvers, $"stages[{i}].approvers") is { } none) return none;
        var fields = new List<FormField>();
        for (var i = 0; i < (body.Fields?.Length ?? 0); i++)
        {
            var (field, broken) = FieldOf(body.Fields![i], $"fields[{i}]");
            if (broken is not null) return broken;
            if (fields.Any(f => f.Key == field!.Key)) return new($"Two questions have the key '{field!.Key}'.", $"fields[{i}].key");
            fields.Add(field!);
        }

        var stages = new List<ApprovalStage>();
        for (var i = 0; i < (body.Stages?.Length ?? 0); i++)
        {
            var s = body.Stages![i];
            var approvers = new List<Approver>();
            for (var j = 0; j < s.Approvers.Length; j++)
            {
                var (approver, broken) = await ApproverOfAsync(db, provider, s.Approvers[j], $"stages[{i}].approvers[{j}]", ct);
                if (broken is not null) return broken;
                if (!approvers.Contains(approver!)) approvers.Add(approver!);
            }
            stages.Add(new ApprovalStage(s.Name.Trim(), s.Rule, approvers));
        }

        var tasks = new List<TaskTemplate>();
        for (var i = 0; i < (body.Tasks?.Length ?? 0); i++)
        {
            var t = body.Tasks![i];
            if (t.TeamId is { } team && !await Parties.PartyChecks.TeamOfProviderOrPartnerAsync(db, provider, team, ct))
                return new("No active team of the provider or its partners has this id.", $"tasks[{i}].teamId");
            tasks.Add(new TaskTemplate(t.Title.Trim(), string.IsNullOrWhiteSpace(t.Description) ? null : t.Description.Trim(), t.TeamId));
        }

        item.Name = name;
        item.ServiceId = body.ServiceId;
        item.Summary = Trimmed(body.Summary);
        item.Description = string.IsNullOrWhiteSpace(body.Description) ? null : body.Description;
        item.Category = Trimmed(body.Category);
        item.Fields = fields;
        item.Stages = stages;
        item.Tasks = tasks;
        item.TaskOrder = body.TaskOrder;
        item.IsActive = body.IsActive;
        return null;
    }

    /// <summary>JSON may say null where an entry belongs: refused at its place, like any other bad entry.</summary>
    static RuleViolation? NullIn<T>(T?[]? entries, string path) where T : class
    {
        for (var i = 0; i < (entries?.Length ?? 0); i++)
            if (entries![i] is null) return new("An entry is missing here.", $"{path}[{i}]");
        return null;
    }

    static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static (FormField? Field, RuleViolation? Broken) FieldOf(FormFieldBody f, string path)
    {
        if (!KeyShape().IsMatch(f.Key)) return (null, new("A key starts with a lower-case letter and has letters, digits and underscores (at most 40).", $"{path}.key"));
        var options = f.Options?.OfType<string>().Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (f.Type is FieldType.Choice)
        {
            if (options is not { Count: > 0 }) return (null, new("A choice lists its options.", $"{path}.options"));
            if (options.Any(o => o.Length > CatalogLimits.Name || o.Any(char.IsControl))) return (null, new("An option is one line of at most 200 characters.", $"{path}.options"));
            if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count) return (null, new("The options are different from each other.", $"{path}.options"));
        }
        else if (options is { Count: > 0 }) return (null, new("Only a choice has options.", $"{path}.options"));
        if (f.Type is not FieldType.Number && (f.Min is not null || f.Max is not null)) return (null, new("Only a number has a range.", f.Min is not null ? $"{path}.min" : $"{path}.max"));
        if (f.Min is { } min && f.Max is { } max && min > max) return (null, new("The minimum is not above the maximum.", $"{path}.min"));
        if (f.Type is not FieldType.Text && (f.MaxLength is not null || f.Pattern is not null))
            return (null, new("Only text has a length or a pattern.", f.Pattern is not null ? $"{path}.pattern" : $"{path}.maxLength"));
        if (f.Pattern is { } pattern)
        {
            try
            {
                // Checked as answers are matched: the whole answer, so an inline option or comment cannot swallow the anchors.
                _ = new Regex(FormAnswers.Anchored(pattern), RegexOptions.CultureInvariant, FormAnswers.PatternTimeout);
            }
            catch (ArgumentException e)
            {
                return (null, new($"Not a regular expression: {e.Message}", $"{path}.pattern"));
            }
        }
        return (new FormField(f.Key, f.Label.Trim(), f.Type, f.Required, Trimmed(f.Help), options, f.Min, f.Max, f.MaxLength, f.Pattern), null);
    }

    static async Task<(Approver? Approver, RuleViolation? Broken)> ApproverOfAsync(StewardDbContext db, Guid provider, ApproverBody a, string path, CancellationToken ct)
    {
        switch (a.Kind)
        {
            case ApproverKind.Person:
                if (a.Role is not null) return (null, new("A named approver is a person, not a role.", $"{path}.role"));
                if (a.PersonId is not { } person || !await db.People.AnyAsync(p => p.Id == person && p.OrganizationId == provider && p.ArchivedAt == null, ct))
                    return (null, new("A named approver is an active person of the provider.", $"{path}.personId"));
                return (new Approver(ApproverKind.Person, person), null);
            case ApproverKind.Role:
                if (a.PersonId is not null) return (null, new("A role approver names a role, not a person.", $"{path}.personId"));
                if (a.Role is null || Roles.Canonical(a.Role) is not { } role || role is Roles.Auditor or Roles.Administrator)
                    return (null, new($"A role approver names one of: {string.Join(", ", Roles.All.Where(r => r is not (Roles.Auditor or Roles.Administrator)))}.", $"{path}.role"));
                return (new Approver(ApproverKind.Role, Role: role), null);
            default:
                if (a.PersonId is not null || a.Role is not null) return (null, new("The service owner is found from the service; name no person or role.", $"{path}.kind"));
                return (new Approver(ApproverKind.ServiceOwner), null);
        }
    }
}
