using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Notifications;

public static class NotificationLimits
{
    public const int Text = 1000;
    public const int Link = 200;
}

/// <summary>
/// A message for one person in the app (the bell), written in the transaction of what it tells
/// about: an SLA warning or breach, an assignment. Email delivery reads these later.
/// </summary>
public sealed class Notification : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    /// <summary>The tenant of what it is about (a record's provider).</summary>
    public Guid OrganizationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? RecordId { get; init; }
    /// <summary>The page the notification opens when that is not its record's: a survey to answer.</summary>
    public string? Link { get; init; }
    public required string Text { get; init; }
    public Instant At { get; init; }
    public Instant? ReadAt { get; set; }
}
