using Steward.Core.Common;

namespace Steward.Core.Records;

/// <summary>The states of every kind of work record; each kind's machine uses a subset (<see cref="RecordStates"/>).</summary>
public enum RecordState
{
    New,
    AwaitingApproval,
    InProgress,
    OnHold,
    Resolved,
    Closed,
    Rejected,
    Cancelled,
}

/// <summary>Why a record is on hold: the clock's pause is only as honest as the reason.</summary>
public enum HoldReason
{
    AwaitingCustomer,
    AwaitingSupplier,
    AwaitingChange,
}

/// <summary>The state machines: which state may follow which, per kind of record.</summary>
public static class RecordStates
{
    static readonly Dictionary<RecordState, RecordState[]> Incident = new()
    {
        [RecordState.New] = [RecordState.InProgress, RecordState.OnHold, RecordState.Resolved],
        [RecordState.InProgress] = [RecordState.OnHold, RecordState.Resolved],
        [RecordState.OnHold] = [RecordState.InProgress, RecordState.Resolved],
        // Reopening takes a resolved incident back into work; closed is final.
        [RecordState.Resolved] = [RecordState.InProgress, RecordState.Closed],
        [RecordState.Closed] = [],
    };

    static readonly Dictionary<RecordState, RecordState[]> Request = new()
    {
        [RecordState.New] = [RecordState.AwaitingApproval, RecordState.InProgress, RecordState.Cancelled],
        [RecordState.AwaitingApproval] = [RecordState.InProgress, RecordState.Rejected, RecordState.Cancelled],
        [RecordState.InProgress] = [RecordState.OnHold, RecordState.Resolved, RecordState.Cancelled],
        [RecordState.OnHold] = [RecordState.InProgress, RecordState.Resolved, RecordState.Cancelled],
        [RecordState.Resolved] = [RecordState.InProgress, RecordState.Closed],
        [RecordState.Closed] = [],
        [RecordState.Rejected] = [],
        [RecordState.Cancelled] = [],
    };

    static Dictionary<RecordState, RecordState[]> Of(RecordKind kind) => kind is RecordKind.Incident ? Incident : Request;

    public static IReadOnlyCollection<RecordState> StatesOf(RecordKind kind) => Of(kind).Keys;

    public static IReadOnlyList<RecordState> Next(RecordKind kind, RecordState from) =>
        Of(kind).TryGetValue(from, out var next) ? next : [];

    public static bool IsOpen(RecordState state) => state is not (RecordState.Resolved or RecordState.Closed or RecordState.Rejected or RecordState.Cancelled);

    /// <summary>Done with: no further work and no clock runs again.</summary>
    public static bool IsFinal(RecordState state) => state is RecordState.Closed or RecordState.Rejected or RecordState.Cancelled;

    public static RuleViolation? CheckMove(RecordKind kind, RecordState from, RecordState to)
    {
        if (!Of(kind).ContainsKey(to))
            return new($"A {kind.ToString().ToLowerInvariant()} has no state {to}; its states are {string.Join(", ", StatesOf(kind))}.", "state");
        if (from == to) return new($"The record is already {to}.", "state");
        var next = Next(kind, from);
        return next.Contains(to) ? null
            : new(next.Count == 0
                ? $"A {from} {kind.ToString().ToLowerInvariant()} does not change state any more."
                : $"A {from} {kind.ToString().ToLowerInvariant()} can move to {string.Join(", ", next)}, not {to}.");
    }
}
