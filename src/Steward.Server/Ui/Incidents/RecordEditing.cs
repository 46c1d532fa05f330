using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Records;
using Steward.Server.Records;
using Steward.Server.Sla;

namespace Steward.Server.Ui.Incidents;

/// <summary>
/// The pages' way into the record workflow: each change gets a fresh context with the circuit's
/// actor, applies only to the version the user saw, and answers what went wrong in words, or null.
/// The rules are the API's own (<see cref="RecordWorkflow"/>).
/// </summary>
public sealed class RecordEditing(UiDb ui, WorkflowServices services)
{
    public async Task<(WorkRecord? Record, string? Problem)> CreateAsync(RecordDraft draft, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        var flow = new RecordWorkflow(db, services, ui.Clock);
        var (record, broken) = await flow.PrepareAsync(draft, ct);
        if (broken is not null) return (null, broken.Detail);
        db.WorkRecords.Add(record!);
        await db.SaveChangesAsync(ct);
        return (record, null);
    }

    /// <summary>A catalogue request, under the API's rules: the answers read against the item's form, then submitted into approval or fulfilment.</summary>
    public async Task<(WorkRecord? Record, RuleViolation? Problem)> SubmitRequestAsync(Guid itemId, IReadOnlyDictionary<string, System.Text.Json.JsonElement> answers,
        string? title, string? description, Guid? customerId, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        var flow = new RecordWorkflow(db, services, ui.Clock);
        var (submission, broken) = await flow.Requests.ReadAsync(itemId, answers, customerId ?? db.Actor.OrganizationId, ct);
        if (broken is not null) return (null, broken);
        var item = submission!.Item;
        var (record, refused) = await flow.PrepareAsync(new RecordDraft(RecordKind.Request, string.IsNullOrWhiteSpace(title) ? item.Name : title, description,
            CustomerId: customerId, ServiceId: item.ServiceId, CatalogItemId: item.Id, StartIn: submission.StartState), ct);
        if (refused is not null) return (null, refused);
        flow.Requests.Submit(record!, submission);
        db.WorkRecords.Add(record!);
        await db.SaveChangesAsync(ct);
        return (record, null);
    }

    /// <param name="seenVersion">The version the user acted on; a newer one means someone else changed it meanwhile.</param>
    public async Task<string?> ChangeAsync(Guid id, long seenVersion, Func<RecordWorkflow, WorkRecord, Task<RuleViolation?>> change, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        var record = await db.WorkRecords.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return "The record is gone, or outside your tenancy.";
        if (record.Version != seenVersion) return UiDb.Stale;
        var flow = new RecordWorkflow(db, services, ui.Clock);
        if (await change(flow, record) is { } broken) return broken.Detail;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UiDb.Stale;
        }
        return null;
    }

    /// <summary>A comment, which does not need the record's version: comments never overwrite anything.</summary>
    public async Task<string?> CommentAsync(Guid id, string body, bool isPublic, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        var record = await db.WorkRecords.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return "The record is gone, or outside your tenancy.";
        if (RecordStates.IsFinal(record.State)) return $"A {record.State} record takes no more comments.";
        await new RecordWorkflow(db, services, ui.Clock).CommentAsync(record, body, isPublic, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UiDb.Stale;
        }
        return null;
    }
}
