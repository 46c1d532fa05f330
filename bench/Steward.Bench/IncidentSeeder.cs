using System.Diagnostics;
using System.Globalization;

namespace Steward.Bench;

/// <summary>
/// Bulk-loads incidents into a database the server created (SQLite or PostgreSQL, through an
/// <see cref="ISeedStore"/>), by copying the rows the API
/// wrote for the template incidents of <see cref="QueueWorld"/> (the record, its clocks and its
/// escalation jobs) and changing what differs per incident: ids (version 7, from the opening
/// instant, as <c>Ids.New()</c> makes them at that instant), number and sequence, title and
/// description, customer, service and its offering, team, performing team, priority with its impact
/// and urgency (the template of that priority), state (the template of that state), and the
/// instants. The full-text index is kept by the product's own triggers and indexing statement on
/// SQLite and by the generated tsvector columns on PostgreSQL, as for records the API writes; the
/// record numbers continue from the highest sequence (SQLite reads it at start; on PostgreSQL the
/// counter row is moved on). Run with the server stopped.
/// </summary>
/// <remarks>
/// What is not as in production, and why it does not bear on the queue and search: the clocks'
/// instants are the template's shifted by the difference in opening instants (so a due instant is
/// the template's business-hours target counted from another start, close but not exact); the
/// closed incidents' clocks stopped as their template's did, at once; no audit journal rows and no
/// notifications of past breaches are written (neither is read by a queue or a search). Past-due
/// jobs of open incidents are marked fired and their clocks breached, as the worker would have.
/// </remarks>
public sealed class IncidentSeeder(ISeedStore store, QueueWorld.World world)
{
    public sealed record Options(int Count, int DaysOfHistory = 1095, int Seed = 5, Instant? DueTogether = null, long? Now = null);

    /// <summary>Ticks as EF stores a NodaTime Instant on SQLite: since the Unix epoch.</summary>
    public readonly record struct Instant(long Ticks)
    {
        public static Instant Now => new((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks);
        public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddTicks(Ticks);
        public Instant Plus(TimeSpan t) => new(Ticks + t.Ticks);
    }

    public sealed record Result(int Records, int Open, int Clocks, int Jobs, int JobsPending, int Comments, TimeSpan Elapsed);

    static readonly string[] RecordInstants = ["OpenedAt", "RespondedAt", "ResolvedAt", "ClosedAt", "UpdatedAt"];
    static readonly string[] ClockInstants = ["StartedAt", "SegmentStart", "DueAt", "WarnAt", "WarnedAt", "BreachedAt", "StoppedAt"];

    sealed record Row(Dictionary<string, object?> Values);

    sealed record TemplateRows(QueueWorld.Template Template, Row Record, List<Row> Clocks, List<Row> Jobs);

    static string G(Guid g) => Seeder.SqliteGuid(g);

    static long? Ticks(object? v) => v is null ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    public Result Seed(Options options)
    {
        var sw = Stopwatch.StartNew();
        List<Row> Read(string table, string column, Guid id) => [.. store.Read(table, column, id).Select(v => new Row(v))];
        var templates = world.Templates.Select(t => new TemplateRows(t, Read("WorkRecords", "Id", t.Id).Single(),
            Read("SlaClocks", "RecordId", t.Id), Read("SlaJobs", "RecordId", t.Id))).ToDictionary(t => (t.Template.Priority, t.Template.State));
        var sequence = store.MaxIncidentSequence();
        var provider = G(world.ProviderId);
        string templateTeam = G(world.TemplateTeam), templateCustomer = G(world.TemplateCustomer), templateService = G(world.TemplateService);

        var now = options.Now is { } n ? new Instant(n) : Instant.Now;
        var rng = new Random(options.Seed);
        var text = new IncidentText(options.Seed);
        var span = TimeSpan.FromDays(options.DaysOfHistory);
        var first = now.Plus(-span);
        var serviceWeights = Weights(world.Services.Count, 0.9);
        var customerWeights = Weights(world.Customers.Count, 0.8);
        int open = 0, clocks = 0, jobs = 0, pending = 0, comments = 0;
        for (var i = 0; i < options.Count; i++)
        {
            // One transaction per 20,000 incidents: a single one of 1M outgrew SQLite's page cache and
            // wrote the same pages to the WAL again and again (1.9 GB of WAL after 15 minutes).
            if (i > 0 && i % 20_000 == 0) store.Flush();
            Instant opened;
            string state;
            if (options.DueTogether is { })
            {
                // The escalation run: incidents logged in the last hour, in work, all due at one instant.
                opened = now.Plus(TimeSpan.FromSeconds(-3600 + 3600.0 * i / options.Count));
                state = i % 4 == 0 ? "New" : "InProgress";
            }
            else
            {
                opened = first.Plus(TimeSpan.FromTicks((long)(span.Ticks * ((i + rng.NextDouble()) / options.Count))));
                state = StateAt(rng, (now.Ticks - opened.Ticks) / (double)TimeSpan.TicksPerDay);
            }
            var priority = rng.NextDouble() switch { < 0.02 => 1, < 0.10 => 2, < 0.45 => 3, < 0.85 => 4, _ => 5 };
            var template = templates[(priority, state)];
            var service = world.Services[Pick(rng, serviceWeights)];
            var customer = world.Customers[Pick(rng, customerWeights)];
            var performer = world.TeamOfService[service];
            var team = rng.NextDouble() < 0.8 ? performer : world.Teams[rng.Next(world.Teams.Count)];
            var id = Guid.CreateVersion7(opened.ToDateTimeOffset());
            var delta = opened.Ticks - Ticks(template.Record.Values["OpenedAt"])!.Value;
            var isOpen = state is "New" or "InProgress" or "OnHold";
            if (isOpen) open++;

            var map = new Dictionary<string, string>
            {
                [G(template.Template.Id)] = G(id), [templateTeam] = G(performer), [templateCustomer] = G(customer), [templateService] = G(service),
                [G(world.OfferingOf[world.TemplateService])] = G(world.OfferingOf[service]),
            };
            object? Remap(object? v) => v is string s && map.TryGetValue(s, out var to) ? to : v;

            var r = new Dictionary<string, object?>(template.Record.Values.Count);
            foreach (var (k, v) in template.Record.Values) r[k] = Remap(v);
            r["Sequence"] = ++sequence;
            r["Number"] = $"INC{sequence:D6}";
            var (title, description) = text.Next(rng);
            r["Title"] = title;
            r["Description"] = description;
            r["AssignedTeamId"] = G(team);
            r["IsMajor"] = priority == 1 && rng.NextDouble() < 0.1 ? 1L : 0L;
            r["OpenedAt"] = opened.Ticks;
            var last = opened.Ticks;
            var limit = now.Ticks - 1;
            if (template.Record.Values["RespondedAt"] is not null)
                r["RespondedAt"] = last = Math.Min(limit, opened.Ticks + TimeSpan.FromMinutes(5 + rng.Next(240)).Ticks);
            if (template.Record.Values["ResolvedAt"] is not null)
                r["ResolvedAt"] = last = Math.Min(limit, Math.Max(last, opened.Ticks + Math.Min(TimeSpan.FromHours(1 + rng.Next(72)).Ticks, (now.Ticks - opened.Ticks) / 2)));
            if (template.Record.Values["ClosedAt"] is not null)
                r["ClosedAt"] = last = Math.Min(limit, last + Math.Min(TimeSpan.FromDays(3).Ticks, (now.Ticks - last) / 2));
            r["UpdatedAt"] = last;
            store.Add("WorkRecords", r);

            var clockIds = new Dictionary<string, (string Id, Dictionary<string, object?> Row)>();
            foreach (var tc in template.Clocks)
            {
                var clockId = G(Guid.CreateVersion7(opened.ToDateTimeOffset()));
                var row = new Dictionary<string, object?>(tc.Values.Count);
                foreach (var (k, v) in tc.Values) row[k] = Remap(v);
                row["Id"] = clockId;
                foreach (var k in ClockInstants)
                    if (Ticks(row[k]) is { } t) row[k] = t + delta;
                if (options.DueTogether is { } due && (string?)row["Metric"] == "Resolution" && (string?)row["Stage"] == "Running") row["DueAt"] = due.Ticks;
                clockIds[(string)tc.Values["Id"]!] = (clockId, row);
            }
            var jobRows = new List<Dictionary<string, object?>>();
            foreach (var tj in template.Jobs)
            {
                var (clockId, clockRow) = clockIds[(string)tj.Values["ClockId"]!];
                var row = new Dictionary<string, object?>(tj.Values.Count);
                foreach (var (k, v) in tj.Values) row[k] = Remap(v);
                row["Id"] = G(Guid.CreateVersion7(opened.ToDateTimeOffset()));
                row["ClockId"] = clockId;
                var dueAt = options.DueTogether is { } d ? d.Ticks : Ticks(row["DueAt"])!.Value + delta;
                row["DueAt"] = dueAt;
                if (row["FiredAt"] is null && dueAt < now.Ticks)
                {
                    // What the worker would have done when it fell due.
                    row["FiredAt"] = dueAt;
                    row["FiredBy"] = "bench-seed";
                    var breach = (string?)row["Trigger"] == "Breach";
                    clockRow[breach ? "BreachedAt" : "WarnedAt"] ??= dueAt;
                    clockRow[breach ? "BreachEscalated" : "WarningEscalated"] = 1L;
                }
                else if (row["FiredAt"] is null) pending++;
                jobs++;
                jobRows.Add(row);
            }
            foreach (var (_, row) in clockIds.Values)
            {
                store.Add("SlaClocks", row);
                clocks++;
            }
            foreach (var row in jobRows) store.Add("SlaJobs", row);
            if (options.DueTogether is null)
            {
                var notes = rng.NextDouble() switch { < 0.30 => 1, < 0.40 => 2, _ => 0 };
                for (var k = 0; k < notes; k++)
                {
                    store.Add("RecordComments", new Dictionary<string, object?>
                    {
                        ["Id"] = G(Guid.CreateVersion7(opened.Plus(TimeSpan.FromMinutes(30 + k)).ToDateTimeOffset())), ["RecordId"] = G(id), ["ProviderId"] = provider,
                        ["CustomerId"] = G(customer), ["AuthorId"] = null, ["Body"] = text.Comment(rng), ["IsPublic"] = k == 0 ? 1L : 0L,
                        ["At"] = opened.Plus(TimeSpan.FromMinutes(30 + k)).Ticks, ["Version"] = 1L,
                    });
                    comments++;
                }
            }
        }
        store.Flush();
        store.Finish(sequence);
        return new Result(options.Count, open, clocks, jobs, pending, comments, sw.Elapsed);
    }

    /// <summary>The state of an incident <paramref name="ageDays"/> old: most of the young ones open, nearly all old ones closed.</summary>
    public static string StateAt(Random rng, double ageDays)
    {
        var openChance = ageDays < 3 ? 0.6 : ageDays < 14 ? 0.25 : ageDays < 60 ? 0.06 : 0.005;
        return rng.NextDouble() < openChance
            ? rng.NextDouble() switch { < 0.25 => "New", < 0.8 => "InProgress", _ => "OnHold" }
            : ageDays < 7 ? "Resolved" : "Closed";
    }

    /// <summary>Cumulative Zipf-like weights of <paramref name="n"/> items (exponent <paramref name="s"/>), for <see cref="Pick"/>.</summary>
    public static double[] Weights(int n, double s)
    {
        var w = Enumerable.Range(1, n).Select(k => 1 / Math.Pow(k, s)).ToArray();
        var sum = w.Sum();
        var acc = 0.0;
        return w.Select(x => acc += x / sum).ToArray();
    }

    public static int Pick(Random rng, double[] cumulative)
    {
        var x = rng.NextDouble();
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}

/// <summary>
/// Titles, descriptions and comments a service desk would read: a component and a symptom, then
/// sentences from a few hundred common words plus a long tail of rarer ones (host names, error
/// codes, product words) drawn with Zipf-like frequencies, so that a search meets common words
/// (tens of thousands of matches at 1M), middling and rare ones.
/// </summary>
public sealed class IncidentText
{
    public static readonly string[] Components =
    [
        "Outlook", "VPN", "printer", "laptop", "Teams", "SharePoint", "ERP", "payroll", "Wi-Fi", "badge reader", "monitor", "docking station",
        "password", "MFA", "file share", "CRM", "intranet", "phone", "headset", "scanner", "database", "backup", "certificate", "firewall",
        "mailbox", "calendar", "OneDrive", "browser", "SAP", "invoice portal", "HR portal", "timesheet", "webcam", "keyboard", "router", "license",
    ];

    public static readonly string[] Symptoms =
    [
        "does not start", "is very slow", "keeps crashing", "shows an error", "cannot connect", "access denied", "not syncing", "freezes",
        "login fails", "disconnects every few minutes", "prints blank pages", "is locked", "expired", "missing after update", "no sound",
        "cannot open attachments", "times out", "stuck on loading", "wrong permissions", "not responding",
    ];

    static readonly string[] Common =
    [
        "the", "user", "since", "this", "morning", "after", "update", "again", "cannot", "work", "please", "help", "urgent", "colleagues",
        "same", "problem", "office", "home", "restart", "tried", "already", "still", "error", "message", "screen", "network", "team", "meeting",
        "customer", "deadline", "today", "yesterday", "several", "times", "window", "button", "settings", "account", "new", "old", "device",
        "floor", "building", "remote", "connection", "slow", "system", "application", "version", "install", "reinstall", "reset", "working",
        "issue", "affects", "whole", "department", "finance", "sales", "warehouse", "reception", "manager", "contract", "report", "monthly",
    ];

    readonly string[] tail;
    readonly double[] tailWeights;

    public IncidentText(int seed)
    {
        var rng = new Random(seed * 7919);
        const string syllables = "ka lo mi re tu sa ne vo ri da fe gu po li ma te ro ba ze ni qua sto pre tri mon";
        var parts = syllables.Split(' ');
        var words = new HashSet<string>();
        while (words.Count < 6000) words.Add(string.Concat(Enumerable.Range(0, 2 + rng.Next(3)).Select(_ => parts[rng.Next(parts.Length)])));
        // Host names and error codes: the rarest words, a few records each at 1M.
        tail = [.. words, .. Enumerable.Range(0, 4000).Select(i => $"srv{i:D4}"), .. Enumerable.Range(0, 4000).Select(i => $"0x8007{i:X4}".ToLowerInvariant())];
        var acc = 0.0;
        var w = Enumerable.Range(1, tail.Length).Select(k => 1 / Math.Pow(k, 1.05)).ToArray();
        var sum = w.Sum();
        tailWeights = w.Select(x => acc += x / sum).ToArray();
    }

    /// <summary>A word of the long tail by rank (0 is the most frequent): the bench searches for ranks it knows.</summary>
    public string TailWord(int rank) => tail[rank];

    string Word(Random rng)
    {
        if (rng.NextDouble() < 0.7) return Common[rng.Next(Common.Length)];
        var x = rng.NextDouble();
        var i = Array.BinarySearch(tailWeights, x);
        return tail[Math.Min(i < 0 ? ~i : i, tail.Length - 1)];
    }

    string Sentence(Random rng)
    {
        var n = 6 + rng.Next(10);
        var words = Enumerable.Range(0, n).Select(_ => Word(rng)).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }

    public (string Title, string? Description) Next(Random rng)
    {
        var component = Components[rng.Next(Components.Length)];
        var symptom = Symptoms[rng.Next(Symptoms.Length)];
        var title = rng.NextDouble() < 0.5 ? $"{component} {symptom}" : $"{component} {symptom} ({Word(rng)} {Word(rng)})";
        if (rng.NextDouble() < 0.1) return (title, null);
        var sentences = 1 + rng.Next(4);
        return (title, string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(rng))));
    }

    public string Comment(Random rng) => string.Join(' ', Enumerable.Range(0, 1 + rng.Next(2)).Select(_ => Sentence(rng)));
}
