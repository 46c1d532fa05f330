using System.Diagnostics;
using System.Globalization;

namespace Steward.Bench;

/// <summary>
/// Bulk-loads incidents for the measures into a database the server created, by copying the rows
/// the API wrote for <see cref="MeasureWorld"/>'s templates (the record and every clock: first
/// response, resolution and each performing party's) and changing what differs per incident, as
/// <see cref="IncidentSeeder"/> does: ids (version 7, from the opening instant), number, text,
/// service and its offering, customer and requester, the performing team, priority, state (the
/// template of that state on that path) and the instants. The facts the measures read are then
/// stamped as the workflow would have stamped them for those instants: the business time to
/// respond and to resolve (log-normal around half the policy's target, so most are met), each
/// clock's outcome and due instant mirrored on the record, hand-offs (the template's, plus some),
/// reopenings, the resolving party; the kind of sourcing is the template's, as the product derived it
/// for that path. The party clocks follow: the contractor's judged against its contract, the
/// service desk's under the skills agreement with the time it took to engage. Each incident past
/// New gets 0–3 work log entries (by a person of the party that did the work, on a day between
/// opening and resolution); a fifth of the resolved ones an article used to resolve them, and one in
/// twenty a related one. Run with the server stopped.
/// </summary>
/// <remarks>
/// Not as in production, and why it does not bear on the measures: escalation jobs, comments, the
/// journal and notifications are not written (no measure reads them); business time is turned into
/// real time by a fixed factor of three rather than through the calendar (the measures read the
/// stored business time and instants, never the calendar).
/// </remarks>
public sealed class MeasureSeeder(ISeedStore store, MeasureWorld.World world)
{
    public sealed record Result(int Records, int Open, int Resolved, int Clocks, int JudgedPartyClocks, int Engaged, int WorkLog, int ArticleLinks, TimeSpan Elapsed);

    static readonly string[] ClockInstants = ["StartedAt", "SegmentStart", "DueAt", "WarnAt", "WarnedAt", "BreachedAt", "StoppedAt", "EngagedAt"];
    /// <summary>Real time per business hour: ten office hours a weekday.</summary>
    const double RealPerBusiness = 3.0;
    /// <summary>Share of the incidents raised on Payments, the service the desk lends its skills to.</summary>
    const double PaymentsShare = 0.06;

    static string G(Guid g) => Seeder.SqliteGuid(g);

    static long? Ticks(object? v) => v is null ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    static long HoursTicks(double hours) => (long)(hours * TimeSpan.TicksPerHour);

    sealed record TemplateRows(Dictionary<string, object?> Record, List<Dictionary<string, object?>> Clocks);

    public Result Seed(int count, int daysOfHistory = 395, int seed = 20)
    {
        var sw = Stopwatch.StartNew();
        var k = world.Knowledge;
        var templates = world.Templates.ToDictionary(t => (t.Path, t.State),
            t => new TemplateRows(store.Read("WorkRecords", "Id", t.Id).Single(), store.Read("SlaClocks", "RecordId", t.Id)));
        var workLogTemplate = store.Read("WorkLog", "RecordId", world.WorkLogRecord).Single();
        var linkTemplate = store.Read("RecordArticles", "RecordId", world.ArticleLinkRecord).Single();
        List<Guid> services = [.. k.Services, world.Payments];
        var offeringOf = services.ToDictionary(s => s, s => (string)store.Read("Offerings", "ServiceId", s).Single()["Id"]!);
        var templateService = new Dictionary<string, Guid>
        {
            [MeasureWorld.Desk] = k.Services[0], [MeasureWorld.Contractor] = k.Services[2], [MeasureWorld.Skills] = world.Payments,
        };
        var articles = k.Articles.Where(a => a.Shape is "customers" or "customer-limited" or "internal").Select(a => G(a.Id)).ToArray();
        var sequence = store.MaxIncidentSequence();

        var now = IncidentSeeder.Instant.Now;
        var limit = now.Ticks - TimeSpan.TicksPerSecond;
        var rng = new Random(seed);
        var text = new IncidentText(seed);
        var span = TimeSpan.FromDays(daysOfHistory);
        var first = now.Plus(-span);
        var serviceWeights = IncidentSeeder.Weights(k.Services.Count, 0.9);
        var customerWeights = IncidentSeeder.Weights(k.Customers.Count, 0.8);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());
        int open = 0, resolvedCount = 0, clocks = 0, judged = 0, engaged = 0, entries = 0, links = 0;

        for (var i = 0; i < count; i++)
        {
            if (i > 0 && i % 20_000 == 0) store.Flush();
            var opened = first.Plus(TimeSpan.FromTicks((long)(span.Ticks * ((i + rng.NextDouble()) / count))));
            var state = IncidentSeeder.StateAt(rng, (now.Ticks - opened.Ticks) / (double)TimeSpan.TicksPerDay);
            var onPayments = rng.NextDouble() < PaymentsShare;
            var service = onPayments ? world.Payments : k.Services[IncidentSeeder.Pick(rng, serviceWeights)];
            var performer = world.PerformerOf[service];
            var path = onPayments ? MeasureWorld.Skills : performer == world.ContractorTeam ? MeasureWorld.Contractor : MeasureWorld.Desk;
            var c = onPayments ? 0 : IncidentSeeder.Pick(rng, customerWeights);
            var template = templates[(path, state)];
            var id = Guid.CreateVersion7(opened.ToDateTimeOffset());
            var delta = opened.Ticks - Ticks(template.Record["OpenedAt"])!.Value;
            var map = new Dictionary<string, string>
            {
                [(string)template.Record["Id"]!] = G(id), [G(k.Customers[0])] = G(k.Customers[c]), [G(k.Requesters[0])] = G(k.Requesters[c]),
                [G(templateService[path])] = G(service), [offeringOf[templateService[path]]] = offeringOf[service],
            };
            // The desk's template stands for every service the provider's own teams perform.
            if (path == MeasureWorld.Desk) map[G(world.Teams[0])] = G(performer);
            object? Remap(object? v) => v is string s && map.TryGetValue(s, out var to) ? to : v;

            var priority = rng.NextDouble() switch { < 0.02 => 1, < 0.10 => 2, < 0.45 => 3, < 0.85 => 4, _ => 5 };
            double frTarget = MeasureWorld.FirstResponseHours[priority - 1], resTarget = MeasureWorld.ResolutionHours[priority - 1];
            var respondHours = LogNormal(0.45 * frTarget, 0.8);
            var resolveHours = Math.Max(respondHours, LogNormal(0.5 * resTarget, 0.9));
            var responded = template.Record["RespondedAt"] is not null;
            var resolved = template.Record["ResolvedAt"] is not null;
            var closed = template.Record["ClosedAt"] is not null;
            long Real(double businessHours) => Math.Min(limit, opened.Ticks + (long)(businessHours * RealPerBusiness * TimeSpan.TicksPerHour));
            var respondedAt = Real(respondHours);
            var resolvedAt = Math.Max(respondedAt, Real(resolveHours));
            var closedAt = Math.Min(limit, resolvedAt + TimeSpan.FromDays(3).Ticks);
            var paused = state == "OnHold";
            if (!resolved) open++;
            else resolvedCount++;

            var r = new Dictionary<string, object?>(template.Record.Count);
            foreach (var (key, v) in template.Record) r[key] = Remap(v);
            r["Sequence"] = ++sequence;
            r["Number"] = $"INC{sequence:D6}";
            var (title, description) = text.Next(rng);
            r["Title"] = title;
            r["Description"] = description;
            r["Priority"] = (long)priority;
            r["OpenedAt"] = opened.Ticks;
            r["RespondedAt"] = responded ? respondedAt : null;
            r["ResolvedAt"] = resolved ? resolvedAt : null;
            r["ClosedAt"] = closed ? closedAt : null;
            r["UpdatedAt"] = closed ? closedAt : resolved ? resolvedAt : responded ? respondedAt : opened.Ticks;
            r["ReopenCount"] = resolved && rng.NextDouble() < 0.04 ? 1L : 0L;
            r["Handoffs"] = (Ticks(template.Record["Handoffs"]) ?? 0) + rng.NextDouble() switch { < 0.75 => 0L, < 0.93 => 1L, _ => 2L };
            r["ResponseOutcome"] = responded ? respondHours <= frTarget ? "Met" : "Breached" : "Pending";
            r["ResponseDueAt"] = responded ? null : Real(frTarget);
            r["ResponseTime"] = responded ? HoursTicks(respondHours) : null;
            r["ResolutionOutcome"] = resolved ? resolveHours <= resTarget ? "Met" : "Breached" : "Pending";
            r["ResolutionDueAt"] = resolved || paused ? null : Real(resTarget);
            r["ResolutionTime"] = resolved ? HoursTicks(resolveHours) : null;
            // Not the template's: set below with the copy's own link, as the product sets it with the link.
            r["ResolvedWithArticle"] = false;
            store.Add("WorkRecords", r);

            foreach (var tc in template.Clocks)
            {
                var row = new Dictionary<string, object?>(tc.Count);
                foreach (var (key, v) in tc) row[key] = Remap(v);
                row["Id"] = G(Guid.CreateVersion7(opened.ToDateTimeOffset()));
                foreach (var key in ClockInstants)
                    if (Ticks(row[key]) is { } t) row[key] = Math.Min(limit, t + delta);
                var started = Ticks(row["StartedAt"])!.Value;
                row["RecordOpenedAt"] = opened.Ticks;
                var stopped = (string?)row["Stage"] == "Stopped";
                void Judge(double targetHours, double businessHours, long stoppedAt)
                {
                    row["Target"] = HoursTicks(targetHours);
                    row["DueAt"] = started + (long)(targetHours * RealPerBusiness * TimeSpan.TicksPerHour);
                    row["Business"] = stopped ? HoursTicks(businessHours) : 0L;
                    row["StoppedAt"] = stopped ? stoppedAt : null;
                    row["SegmentStart"] = stopped ? stoppedAt : started;
                    row["BreachedAt"] = stopped && businessHours > targetHours ? row["DueAt"] : null;
                }
                switch ((string?)row["Metric"])
                {
                    case "FirstResponse": Judge(frTarget, respondHours, respondedAt); break;
                    case "Resolution": Judge(resTarget, resolveHours, resolvedAt); break;
                    case "Party":
                        // The performing party holds most of the resolution time; the contract judges the contractor's.
                        if (row["Target"] is not null)
                        {
                            Judge(MeasureWorld.ContractHours[priority - 1], resolveHours * (0.6 + 0.4 * rng.NextDouble()), resolved ? resolvedAt : Ticks(row["StoppedAt"]) ?? started);
                            judged++;
                        }
                        else if (stopped) row["Business"] = HoursTicks(resolveHours * rng.NextDouble());
                        if (row["EngagedAt"] is not null)
                        {
                            var engageHours = LogNormal(0.75, 1.0);
                            row["EngagedAfter"] = HoursTicks(engageHours);
                            row["EngagedAt"] = Math.Min(limit, started + (long)(engageHours * RealPerBusiness * TimeSpan.TicksPerHour));
                            engaged++;
                        }
                        break;
                }
                store.Add("SlaClocks", row);
                clocks++;
            }

            if (state != "New")
            {
                var n = rng.NextDouble() switch { < 0.35 => 0, < 0.70 => 1, < 0.88 => 2, _ => 3 };
                var end = resolved ? resolvedAt : limit;
                // Work is logged by the party doing it: the desk's agent, another team's member, the contractor's engineer.
                var (person, party) = path switch
                {
                    MeasureWorld.Contractor => (k.Reviewer2Id, world.ContractorTeam),
                    MeasureWorld.Skills => (k.AgentId, world.Teams[0]),
                    _ => (performer == world.Teams[0] ? k.AgentId : k.Reviewer1Id, performer),
                };
                for (var e = 0; e < n; e++)
                {
                    var at = opened.Ticks + (long)((end - opened.Ticks) * rng.NextDouble());
                    var w = new Dictionary<string, object?>(workLogTemplate)
                    {
                        ["Id"] = G(Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddTicks(at))), ["RecordId"] = G(id), ["PersonId"] = G(person), ["PartyId"] = G(party),
                        ["Minutes"] = (long)(15 + 5 * rng.Next(45)), ["On"] = DateTimeOffset.UnixEpoch.AddTicks(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["At"] = at, ["Note"] = null,
                        // Booked as the product books it: to the record's customer, service and kind of sourcing.
                        ["CustomerId"] = r["CustomerId"], ["ServiceId"] = r["ServiceId"], ["SourcingKind"] = r["SourcingKind"],
                    };
                    store.Add("WorkLog", w);
                    entries++;
                }
            }

            if (resolved && rng.NextDouble() is var x && x < 0.25)
            {
                var link = new Dictionary<string, object?>(linkTemplate)
                {
                    ["Id"] = G(Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddTicks(resolvedAt))), ["RecordId"] = G(id), ["ArticleId"] = articles[rng.Next(articles.Length)],
                    ["CustomerId"] = G(k.Customers[c]), ["Relation"] = x < 0.2 ? "UsedToResolve" : "Related", ["At"] = resolvedAt,
                };
                store.Add("RecordArticles", link);
                // The record's row is still queued (flushes happen between records): its stamp goes with the link.
                r["ResolvedWithArticle"] = x < 0.2;
                links++;
            }
        }
        store.Flush();
        // The work log was copied past the server: the P&L reads its monthly rollup, rebuilt from it.
        store.RebuildWorkLogMonths();
        store.Finish(sequence);
        return new Result(count, open, resolvedCount, clocks, judged, engaged, entries, links, sw.Elapsed);
    }
}
