using Microsoft.AspNetCore.Identity;
using Steward.Core.Common;

namespace Steward.Core.Identity;

/// <summary>The sign-in of a person; it shares the person's id.</summary>
public sealed class Account : IdentityUser<Guid>, ITenantScoped
{
    public Guid OrganizationId { get; set; }
}
