using Steward.Core.Identity;

namespace Steward.Core.Tests.Identity;

public sealed class ActorTests
{
    static readonly Guid Own = Guid.NewGuid(), Partner = Guid.NewGuid(), Stranger = Guid.NewGuid();

    static Actor Person(params string[] roles)
    {
        var actor = new Actor();
        actor.BecomePerson(Guid.NewGuid(), null, Own, roles.ToHashSet(), [Own, Partner]);
        return actor;
    }

    [Fact]
    public void Nobody_sees_nothing_and_may_not_write()
    {
        var actor = new Actor();

        Assert.False(actor.Sees(Own));
        Assert.True(actor.IsReadOnly);
    }

    [Fact]
    public void A_person_sees_exactly_their_visible_organizations()
    {
        var actor = Person(Roles.Agent);

        Assert.True(actor.Sees(Own));
        Assert.True(actor.Sees(Partner));
        Assert.False(actor.Sees(Stranger));
        Assert.False(actor.IsReadOnly);
    }

    [Theory]
    [InlineData(new[] { Roles.Auditor }, true, true)]
    [InlineData(new[] { Roles.Administrator }, true, false)]
    [InlineData(new[] { Roles.Administrator, Roles.Auditor }, true, false)]
    [InlineData(new[] { Roles.ProviderManager }, false, false)]
    [InlineData(new[] { Roles.Requester }, false, false)]
    public void Administrators_and_auditors_see_all_and_only_auditors_are_read_only(string[] roles, bool seesAll, bool readOnly)
    {
        var actor = Person(roles);

        Assert.Equal(seesAll, actor.SeesAll);
        Assert.Equal(seesAll, actor.Sees(Stranger));
        Assert.Equal(readOnly, actor.IsReadOnly);
    }

    [Fact]
    public void The_system_sees_all_and_writes()
    {
        var actor = Actor.System();

        Assert.True(actor.Sees(Stranger));
        Assert.False(actor.IsReadOnly);
        Assert.Null(actor.PersonId);
    }
}
