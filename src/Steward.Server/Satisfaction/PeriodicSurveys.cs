using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Satisfaction;
using Steward.Server.Api;
using Steward.Server.Hosting;

namespace Steward.Server.Satisfaction;

/// <summary>
/// Runs the rounds of periodic surveys that have fallen due: each round once, whichever server
/// gets there first and however often the servers restart. A round is one transaction that writes
/// the <see cref="SurveyRound"/> row with the round's invitations and bell lines; the unique
/// (survey, round) index refuses a second server's copy, which then rolls back whole. Only the
/// latest due round runs: a server that was down for a whole period does not send the missed one late.
/// </summary>
public sealed class PeriodicSurveyRunner(StewardDbContext db, IClock clock, ILogger<PeriodicSurveyRunner> log)
{
    /// <summary>Runs every round due now; the number of rounds this call ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var surveys = await db.Surveys.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Trigger == SurveyTrigger.Periodic && s.IsActive).ToListAsync(ct);
        var ran = 0;
        foreach (var survey in surveys)
        {
            if (survey.DueRound(today) is not { } round) continue;
            if (await db.SurveyRounds.IgnoreQueryFilters().AnyAsync(r => r.SurveyId == survey.Id && r.Round == round, ct)) continue;
            if (await RunAsync(survey, round, now, ct)) ran++;
        }
        return ran;
    }

    async Task<bool> RunAsync(Survey survey, int round, Instant now, CancellationToken ct)
    {
        var customers = await db.PartnerRelationships.IgnoreQueryFilters()
            .Where(r => r.ProviderId == survey.ProviderId)
            .Join(db.Organizations.IgnoreQueryFilters(), r => r.PartnerId, o => o.Id, (r, o) => o)
            .Where(o => o.Kind == OrganizationKind.Customer && o.ArchivedAt == null)
            .Select(o => o.Id).ToListAsync(ct);
        if (survey.CustomerIds.Count > 0) customers = customers.Intersect(survey.CustomerIds).ToList();
        var contacts = await db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => customers.Contains(p.OrganizationId) && p.ArchivedAt == null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.OrganizationId }).ToListAsync(ct);
        var day = survey.RoundDay(round);
        try
        {
            await db.InWriteTransactionAsync(async ct =>
            {
                db.SurveyRounds.Add(new SurveyRound { SurveyId = survey.Id, ProviderId = survey.ProviderId, Round = round, Day = day, Invitations = contacts.Count, At = now });
                foreach (var contact in contacts)
                {
                    var invitation = SurveyInvitation.For(survey, contact.Id, Attribution.OfRelationship(contact.OrganizationId), now, round: round);
                    db.SurveyInvitations.Add(invitation);
                    db.Notifications.Add(SurveyTriggers.Invite(invitation, $"{survey.Name}: how are we doing? Tell us in a minute.", now));
                }
                return await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (DbUpdateException e) when (Problems.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            log.LogInformation("Round {Round} of survey {Survey} was run by another server.", round, survey.Id);
            return false;
        }
        log.LogInformation("Ran round {Round} of survey '{Name}': {Count} invitations.", round, survey.Name, contacts.Count);
        return true;
    }
}

/// <summary>Checks for due periodic survey rounds every minute, on every server (<see cref="PeriodicSurveyRunner"/> makes each happen once).</summary>
public sealed class PeriodicSurveys(IServiceScopeFactory scopes, StartupGate startup, ILogger<PeriodicSurveys> log)
    : PeriodicRounds(startup, log)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(1);

    protected override string Work => "Running due periodic survey rounds";

    protected override async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().BecomeSystem();
        await scope.ServiceProvider.GetRequiredService<PeriodicSurveyRunner>().RunDueAsync(ct);
    }
}
