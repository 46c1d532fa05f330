using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Core.Satisfaction;
using Steward.Server.Identity;
using Steward.Server.Satisfaction;

namespace Steward.Server.Demo;

/// <summary>
/// A survey after every resolved incident, in place before the ninety days of incidents replay so
/// that each resolution invites its requester as Steward itself would, with the parties the sourcing
/// model named then. Then about three in five invitees answer within three days. Most are content;
/// the clinics' incidents that Sabine Consulting resolved under its underpinning contract rate lower,
/// and the few slow ones lowest, so the report shows which party's work the customers liked less.
/// </summary>
public static class DemoSatisfaction
{
    public const string SurveyName = "After each resolved incident";

    public static void AddSurvey(StewardDbContext db, Guid providerId, Instant now) => db.Surveys.Add(new Survey
    {
        ProviderId = providerId, Name = SurveyName, Trigger = SurveyTrigger.RecordResolved, RecordKinds = [RecordKind.Incident],
        AsksRecommend = true, AsksComment = true, ExpiresAfterDays = 10, CreatedAt = now - Duration.FromDays(100),
    });

    public static async Task AnswerAsync(StewardDbContext db, ActorResolver resolver, Instant now, CancellationToken ct)
    {
        var sabine = await db.Organizations.Where(o => o.Name == "Sabine Consulting").Select(o => o.Id).SingleAsync(ct);
        var invitations = await db.SurveyInvitations.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.InviteeId, i.InvitedAt, i.ExpiresAt, i.PerformerOrganizationId, i.RecordId })
            .ToListAsync(ct);
        var late = (await db.WorkRecords.AsNoTracking().Where(r => r.ResolvedAt != null)
                .Select(r => new { r.Id, Breached = db.SlaClocks.Any(c => c.RecordId == r.Id && c.BreachedAt != null) }).ToListAsync(ct))
            .Where(r => r.Breached).Select(r => r.Id).ToHashSet();
        var random = new Random(19);
        var acting = new DemoActing(db, resolver, new Dictionary<string, Guid>());
        foreach (var invitation in invitations)
        {
            if (random.NextDouble() > 0.6) continue;
            var at = invitation.InvitedAt + Duration.FromMinutes(20 + random.Next(3 * 24 * 60));
            if (at >= now || at >= invitation.ExpiresAt) continue;
            var byContractor = invitation.PerformerOrganizationId == sabine;
            var wasLate = invitation.RecordId is { } record && late.Contains(record);
            var rating = Rating(random, byContractor, wasLate);
            var recommend = Math.Clamp(rating * 2 + random.Next(-1, 2), 0, 10);
            await acting.AsAsync(invitation.InviteeId, at, ct);
            var (outcome, _) = await SurveyAnswers.AnswerAsync(db, invitation.Id, rating, recommend, Comment(random, rating, byContractor), at, ct);
            if (outcome.Response is null) throw new InvalidOperationException($"Demo answer refused: {outcome.Detail}");
            db.ChangeTracker.Clear();
        }
        acting.AsSystem();
        // Invitations that closed unanswered long ago would otherwise sit unread in the customers' bells.
        var closed = now - Duration.FromDays(10);
        await db.Notifications.Where(n => n.ReadAt == null && n.At < closed && n.Link != null && n.Link.StartsWith("/surveys/invitations/"))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.At), ct);
    }

    static int Rating(Random random, bool byContractor, bool late)
    {
        // Means of about 4.4 for the provider's own work, 3.2 for the contractor's, a point less when the target was missed.
        var mean = (byContractor ? 3.2 : 4.4) - (late ? 1.0 : 0);
        var value = mean + (random.NextDouble() - 0.5) * 2.2;
        return (int)Math.Clamp(Math.Round(value), 1, 5);
    }

    static string? Comment(Random random, int rating, bool byContractor) => random.NextDouble() < 0.5 ? null : rating switch
    {
        >= 5 => "Quick and friendly, thank you!",
        4 => "Sorted out well; it took a little while.",
        3 => byContractor ? "Fixed in the end, but nobody told us who was working on it." : "OK, but I had to chase it.",
        _ => byContractor ? "The specialist never called back; the clinic waited all morning." : "Took far too long and the problem came back.",
    };
}
