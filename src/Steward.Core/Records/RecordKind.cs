namespace Steward.Core.Records;

/// <summary>The types of work record. Each numbers its records on its own (INC000001, REQ000001).</summary>
public enum RecordKind
{
    Incident,
    Request,
}

public static class RecordKinds
{
    public static string Prefix(this RecordKind kind) => kind switch
    {
        RecordKind.Incident => "INC",
        RecordKind.Request => "REQ",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The library process a record of this kind runs through.</summary>
    public static string ProcessKey(this RecordKind kind) => kind switch
    {
        RecordKind.Incident => "incident-management",
        RecordKind.Request => "request-fulfilment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>"INC000042": the prefix and at least six digits.</summary>
    public static string Number(this RecordKind kind, long sequence) => $"{kind.Prefix()}{sequence:D6}";
}
