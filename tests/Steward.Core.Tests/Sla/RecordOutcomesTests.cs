using NodaTime;
using Steward.Core.Records;
using Steward.Core.Sla;

namespace Steward.Core.Tests.Sla;

/// <summary>
/// The record's mirror of its two clocks (what the measures count from one index) says what the
/// clocks say: for random histories of holds, reopenings and resolutions under a random policy,
/// the mirror's outcome at any later instant is the clock's own, and its times are the stopped clocks' business time.
/// </summary>
public sealed class RecordOutcomesTests
{
    static readonly Guid Provider = Guid.NewGuid(), Customer = Guid.NewGuid();
    static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 8, 0);

    static readonly CalendarInForce Office = new(Guid.NewGuid(), 1, new BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/London"],
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WorkingHours(d, 9 * 60, 17 * 60)), []));

    [Fact]
    public void The_mirror_agrees_with_the_clocks_at_every_instant_of_random_histories()
    {
        var random = new Random(2026);
        for (var run = 0; run < 400; run++)
        {
            var withTargets = random.Next(4) != 0;
            var policy = new SlaPolicy
            {
                OrganizationId = Provider, Name = "Random", CalendarId = Office.Id,
                Targets = withTargets ? [new PolicyTarget(3, random.Next(3) == 0 ? null : Duration.FromMinutes(random.Next(10, 240)), Duration.FromMinutes(random.Next(60, 1200)))] : [],
            };
            var record = new WorkRecord
            {
                Kind = RecordKind.Incident, Number = "INC000001", Sequence = 1, ProviderId = Provider, CustomerId = Customer, Title = "Random",
                ProcessKey = "incident-management", OpenedAt = Start, UpdatedAt = Start, Priority = 3,
            };
            var clocks = new List<SlaClock>();
            var now = Start;
            void Sync() => ClockKeeper.Sync(record, clocks, policy, id => id == Office.Id ? Office : CalendarInForce.AroundTheClock, null, now);
            Sync();
            for (var step = 0; step < 8; step++)
            {
                now += Duration.FromMinutes(random.Next(1, 600));
                switch (random.Next(5))
                {
                    case 0: record.State = record.State is RecordState.OnHold ? RecordState.InProgress : RecordState.OnHold; break;
                    case 1: record.RespondedAt ??= now; break;
                    case 2 when record.IsOpen: record.State = RecordState.Resolved; record.ResolvedAt = now; break;
                    case 3 when record.State is RecordState.Resolved: record.State = RecordState.InProgress; record.ResolvedAt = null; break;
                    default: break;
                }
                Sync();
                Check(record, clocks, now, run, step);
                // The escalation job notes a breach on the clock alone, without touching the record: the mirror must still tell.
                var job = now + Duration.FromMinutes(random.Next(0, 300));
                foreach (var clock in clocks) clock.Advance(job, Office.Calendar);
                Check(record, clocks, job, run, step);
                now = job;
            }
        }
    }

    /// <param name="synced">The instant of the last sync, or of the escalation job that advanced the clocks since: the checks look from there on.</param>
    static void Check(WorkRecord record, List<SlaClock> clocks, Instant synced, int run, int step)
    {
        var response = clocks.Single(c => c.Metric is ClockMetric.FirstResponse);
        var resolution = clocks.Single(c => c.Metric is ClockMetric.Resolution);
        foreach (var later in new[] { synced, synced + Duration.FromMinutes(30), synced + Duration.FromHours(9), synced + Duration.FromDays(3) })
        {
            Assert.True(response.IsBreachedAt(later) == (response.Target is not null && RecordOutcomes.IsBreachedAt(record.ResponseOutcome, record.ResponseDueAt, later)),
                $"run {run} step {step}: the response clock at {later}");
            Assert.True(resolution.IsBreachedAt(later) == (resolution.Target is not null && RecordOutcomes.IsBreachedAt(record.ResolutionOutcome, record.ResolutionDueAt, later)),
                $"run {run} step {step}: the resolution clock at {later}");
        }
        // Advancing a stopped clock adds nothing, so its time stays the mirror's.
        Assert.Equal(response.Stage is ClockStage.Stopped ? response.Business : null, record.ResponseTime);
        Assert.Equal(resolution.Stage is ClockStage.Stopped ? resolution.Business : null, record.ResolutionTime);
        Assert.Equal(resolution.Target is null, record.ResolutionOutcome is ClockOutcome.Unjudged);
    }
}
