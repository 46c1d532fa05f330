namespace Steward.Core.Identity;

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProviderManager = nameof(ProviderManager);
    public const string Agent = nameof(Agent);
    public const string ServiceOwner = nameof(ServiceOwner);
    public const string ProcessOwner = nameof(ProcessOwner);
    public const string Requester = nameof(Requester);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All =
        [Administrator, ProviderManager, Agent, ServiceOwner, ProcessOwner, Requester, Auditor];

    /// <summary>Roles that see every tenant. The Auditor sees all but changes nothing.</summary>
    public static bool SeesAll(IEnumerable<string> roles) => roles.Any(r => r is Administrator or Auditor);

    public static string? Canonical(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
