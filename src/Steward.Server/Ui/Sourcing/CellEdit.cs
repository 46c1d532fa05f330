using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Sourcing;

namespace Steward.Server.Ui.Sourcing;

/// <summary>An assignment of one layer of a matrix cell as the user saw it, and what they want instead.</summary>
/// <param name="Seen">The assignment's version when the dialog opened; null when there was none.</param>
/// <param name="PerformerId">Who should perform; null removes this layer's assignment.</param>
public sealed record SlotEdit(string? ActivityKey, (Guid Id, long Version)? Seen, Guid? PerformerId, Guid? AccountableId, string? Note);

/// <summary>
/// The changes of one matrix cell (a service's process, for every customer or for one): the process
/// assignment and its steps' assignments, saved together or not at all, through the same rules as the
/// API, and only if nobody changed those assignments since the dialog read them.
/// </summary>
public static class CellEdit
{
    public static async Task<string?> SaveAsync(UiDb ui, Guid serviceId, Guid? customerId, string processKey, IReadOnlyList<SlotEdit> edits, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        var current = await db.SourcingAssignments
            .Where(a => a.ServiceId == serviceId && a.CustomerId == customerId && a.ProcessKey == processKey)
            .ToListAsync(ct);
        foreach (var edit in edits)
        {
            var existing = current.SingleOrDefault(a => a.ActivityKey == edit.ActivityKey);
            if (existing?.Id != edit.Seen?.Id || (existing is not null && existing.Version != edit.Seen!.Value.Version))
                return UiDb.Stale;
            if (existing is not null && edit.PerformerId is null)
            {
                db.SourcingAssignments.Remove(existing);
                continue;
            }
            if (edit.PerformerId is not { } performer) continue;
            if (existing is not null)
            {
                // Unchanged values leave the row unchanged: EF Core writes (and versions) only real changes.
                if (await AssignmentRules.ChangeAsync(db, existing, performer, edit.AccountableId, edit.Note, ct) is { } broken)
                    return Say(broken, edit.ActivityKey);
                continue;
            }
            var (assignment, refused) = await AssignmentRules.PrepareAsync(db,
                new AssignmentRequest(serviceId, customerId, processKey, edit.ActivityKey, performer, edit.AccountableId, edit.Note), ui.Clock.GetCurrentInstant(), ct);
            if (refused is not null) return Say(refused, edit.ActivityKey);
            db.SourcingAssignments.Add(assignment!);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return UiDb.Stale;
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            return UiDb.Stale;
        }
    }

    static string Say(Core.Common.RuleViolation broken, string? activityKey) =>
        activityKey is null ? broken.Detail : $"{activityKey}: {broken.Detail}";
}
