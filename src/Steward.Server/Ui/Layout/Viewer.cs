using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Ui.Layout;

/// <summary>Whom the UI is for: the portal of a provider's customers, or the workspace of those who run the service.</summary>
public enum Audience
{
    /// <summary>Customers' people, and anyone whose only role is to ask: they raise and follow their own records.</summary>
    Portal,
    /// <summary>The provider's people, its partners' people (suppliers, contractors) and those who see every tenant.</summary>
    Workspace,
}

/// <summary>
/// The signed-in person as the menu and the homes see them: their roles (the same ones the API's
/// policies in <see cref="Access"/> are written for), whether they see every tenant, and the kind of
/// organization they belong to. Decided once per circuit by the layout and cascaded to the pages.
/// </summary>
public sealed record Viewer(string Name, string[] Roles, bool SeesAll, OrganizationKind? OrganizationKind)
{
    public static Viewer Of(string name, Actor actor, OrganizationKind? kind) =>
        new(name, actor.Roles.Order(StringComparer.Ordinal).ToArray(), actor.SeesAll, kind);

    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether the person's roles pass one of the API's policies: the endpoints' table, read rather than copied.</summary>
    public bool Passes(string policy) => Access.RolesOf[policy].Any(Has);

    /// <summary>A customer's person: served by a provider rather than working for one (whoever sees every tenant is not).</summary>
    public bool IsCustomer => !SeesAll && OrganizationKind is Core.Parties.OrganizationKind.Customer;

    public Audience Audience => IsCustomer || Roles.All(r => r is Core.Identity.Roles.Requester) ? Audience.Portal : Audience.Workspace;
}
