namespace Steward.Core.Common;

/// <summary>A domain rule the caller broke; the API answers it with 409 and this detail.</summary>
public sealed record RuleViolation(string Detail, string? Field = null);
