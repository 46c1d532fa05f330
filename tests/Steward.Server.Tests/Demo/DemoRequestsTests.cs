using Microsoft.EntityFrameworkCore;
using Steward.Core.Records;
using Steward.Core.Requests;

namespace Steward.Server.Tests.Demo;

/// <summary>The demo's catalogue and its ninety days of requests tell the story the portal and the reports show on first start.</summary>
public sealed class DemoRequestsTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Requests_were_approved_by_the_people_their_stages_name_fulfilled_task_by_task_and_measured_with_approval_time_paused()
    {
        await app.AsSystemAsync<bool>(async (db, _) =>
        {
            var items = await db.CatalogItems.ToDictionaryAsync(i => i.Id);
            Assert.Equal(4, items.Count);
            var requests = await db.WorkRecords.Where(r => r.Kind == RecordKind.Request).ToListAsync();
            Assert.True(requests.Count > 40, $"{requests.Count} requests");
            Assert.All(requests, r => Assert.True(r.CatalogItemId is { } item && items[item].ServiceId == r.ServiceId));
            Assert.Contains(requests, r => r.State is RecordState.Closed);
            Assert.Contains(requests, r => r.State is RecordState.Rejected && r.Resolution!.StartsWith("Rejected at", StringComparison.Ordinal));

            // Every decision was taken by an approver of the request's customer or of the provider, never by the system.
            var approvals = await db.RequestApprovals.Where(a => a.Decision != ApprovalDecision.Pending).ToListAsync();
            var people = await db.People.ToDictionaryAsync(p => p.Id, p => p.OrganizationId);
            var byId = requests.ToDictionary(r => r.Id);
            Assert.NotEmpty(approvals);
            Assert.All(approvals, a => Assert.Contains(people[a.ApproverId], (Guid[])[byId[a.RecordId].CustomerId, byId[a.RecordId].ProviderId]));

            // Closed requests had every task done; a rejected one never got any.
            var tasks = await db.FulfilmentTasks.ToListAsync();
            foreach (var closed in requests.Where(r => r.State is RecordState.Closed))
                Assert.All(tasks.Where(t => t.RecordId == closed.Id), t => Assert.Equal(TaskState.Done, t.State));
            Assert.DoesNotContain(tasks, t => byId[t.RecordId].State is RecordState.Rejected);

            // Measured under the requests policy: the resolution clocks of approved requests paused while they awaited approval.
            var clocks = await db.SlaClocks.Where(c => c.Metric == Core.Sla.ClockMetric.Resolution).ToListAsync();
            var approved = requests.Where(r => r.State is RecordState.Closed && items[r.CatalogItemId!.Value].Stages.Count > 0).Select(r => r.Id).ToHashSet();
            Assert.Contains(clocks, c => approved.Contains(c.RecordId) && c.Paused > NodaTime.Duration.Zero);
            return true;
        });
    }
}
