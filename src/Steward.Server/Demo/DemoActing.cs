using NodaTime;
using Steward.Core;
using Steward.Server.Identity;

namespace Steward.Server.Demo;

/// <summary>
/// Lets the demo replay act as one person after another: knowledge and satisfaction check who acts
/// (an author may not review their own version, only the invitee answers), so the replay takes on
/// each demo person's scope, as their sign-in would, and stamps the instant the step happened.
/// </summary>
internal sealed class DemoActing(StewardDbContext db, ActorResolver resolver, IReadOnlyDictionary<string, Guid> people)
{
    public DemoIncidents.At Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    public Guid Id(string emailStart) => people.Single(p => p.Key.StartsWith(emailStart + "@", StringComparison.Ordinal)).Value;

    public async Task AsAsync(Guid personId, Instant at, CancellationToken ct)
    {
        var scope = await resolver.ScopeOfAsync(personId, ct) ?? throw new InvalidOperationException($"Demo person {personId} has no scope.");
        db.Actor.BecomePerson(scope.PersonId, null, scope.OrganizationId, scope.Roles, scope.VisibleOrganizationIds, scope.CommunityIds);
        Clock.Instant = at;
        db.UseClock(Clock);
    }

    public Task AsAsync(string emailStart, Instant at, CancellationToken ct) => AsAsync(Id(emailStart), at, ct);

    public void AsSystem()
    {
        db.Actor.BecomeSystem();
        db.UseClock(SystemClock.Instance);
        db.ChangeTracker.Clear();
    }
}
