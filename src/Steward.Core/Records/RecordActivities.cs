namespace Steward.Core.Records;

/// <summary>
/// The step of its process a record enters with a change of state, so that routing by sourcing
/// follows the work without anyone picking steps: logging, categorisation and prioritisation happen
/// as an incident is logged, so it starts in initial diagnosis; resolving hands it to closure
/// (confirming with the user). A reopened incident goes back to investigation.
/// </summary>
public static class RecordActivities
{
    public static string? OnCreate(RecordKind kind) => kind switch
    {
        RecordKind.Incident => "incident-management/initial-diagnosis",
        _ => "request-fulfilment/validation",
    };

    /// <summary>The step a move into <paramref name="to"/> enters; null keeps the current one.</summary>
    public static string? OnMove(RecordKind kind, RecordState from, RecordState to) => (kind, to) switch
    {
        (_, RecordState.Closed or RecordState.Rejected or RecordState.Cancelled) => null,
        (RecordKind.Incident, RecordState.Resolved) => "incident-management/closure",
        (RecordKind.Incident, RecordState.InProgress) when from is RecordState.Resolved => "incident-management/investigation-and-diagnosis",
        (RecordKind.Request, RecordState.AwaitingApproval) => "request-fulfilment/authorisation",
        (RecordKind.Request, RecordState.InProgress) when from is not RecordState.OnHold => "request-fulfilment/fulfilment",
        (RecordKind.Request, RecordState.Resolved) => "request-fulfilment/closure",
        _ => null,
    };

    /// <summary>A final state leaves no step to perform.</summary>
    public static bool LeavesProcess(RecordState to) => RecordStates.IsFinal(to);
}
