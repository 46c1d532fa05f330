using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Records;
using Steward.Server.Identity;
using Steward.Server.Knowledge;

namespace Steward.Server.Demo;

/// <summary>
/// Meridian's three communities of practice, one per framework, with moderators and reviewers from
/// Meridian and from Sabine Consulting, and forty articles replayed through the knowledge workflow at
/// the instants they were written, reviewed and published: most published (some for customers),
/// some in review (two after a critique), drafts sent back with the reviewers' critique, retired
/// ones, and published ones with a newer draft. The known errors are tied to the demo incidents they
/// resolved, readers left feedback, and customers found answers in the portal (deflections).
/// </summary>
public static class DemoKnowledge
{
    enum Fate { Published, Draft, InReview, CritiquedThenInReview, ChangesRequested, Retired, PublishedWithDraft }

    sealed record Circle(string Key, string Name, string Purpose, string Framework, string[] Processes, string Moderator, string[] Reviewers, string[] Members);

    sealed record A(string Circle, ArticleKind Kind, string Title, string Tags, string? Service, bool ForCustomers, string Author, Fate Fate,
        string Body, string? Resolves = null, string? Clause = null);

    static readonly Circle[] Circles =
    [
        new("itil4", "ITIL 4 Practice Circle", "Shares how the service desk and resolver teams practise incident, problem and request work the ITIL 4 way, and reviews each other's how-tos.",
            Frameworks.Itil4, ["incident-management", "problem-management", "request-fulfilment"], "tom.okafor",
            ["priya.raman", "aiko.tanaka", "sabine.kruger"], ["lucas.moreau", "hanna.schulz", "daniel.reyes"]),
        new("itilv3", "ITIL v3 Process Guild", "Keeps Meridian's change, release and configuration processes honest: best practices, critiques and the lessons of failed changes.",
            Frameworks.ItilV3, ["change-management", "release-and-deployment-management", "service-asset-and-configuration-management"], "rafael.costa",
            ["daniel.reyes", "arjun.mehta", "sven.johansson", "sabine.kruger"], ["hanna.schulz", "aiko.tanaka"]),
        new("iso", "ISO/IEC 20000 Interpretation Circle", "Reads ISO/IEC 20000-1 for Meridian and its partners: what each clause asks of a provider that outsources parts of its processes.",
            Frameworks.Iso20000, ["service-level-management", "information-security-management"], "maya.lindqvist",
            ["rafael.costa", "tom.okafor", "arjun.mehta"], ["olivia.bennett", "sven.johansson"]),
    ];

    const string W = "Managed Workplace", C = "Clinical Systems Support", D = "Database Expertise on Demand", N = "WAN Connectivity", H = "Hosting Platform";

    static readonly A[] Articles =
    [
        new("itil4", ArticleKind.KnownErrorWorkaround, "Outlook keeps asking for the password after a password change", "outlook,m365,authentication", W, true, "hanna.schulz", Fate.Published,
            "## Symptom\nOutlook prompts for the password again and again, usually the day after the password was changed.\n\n## Workaround\n1. Close Outlook.\n2. Open *Credential Manager* and remove every entry that starts with `MicrosoftOffice16`.\n3. Start Outlook and sign in once with the new password.\n\n## Cause\nCached credentials from before the change; the fix for the known error is the modern-authentication policy rolled out per depot.",
            Resolves: "Outlook keeps asking for my password"),
        new("itil4", ArticleKind.KnownErrorWorkaround, "VPN drops every few minutes on depot Wi-Fi", "vpn,wifi,network", W, true, "lucas.moreau", Fate.Published,
            "## Symptom\nThe VPN client disconnects every few minutes when the laptop is on depot Wi-Fi; on 4G it stays up.\n\n## Workaround\nSwitch the VPN profile to **TCP 443** (Settings → Connection → Protocol). The depot access points drop idle UDP sessions after 120 s.\n\n## Fix\nNetwork Operations is raising the UDP idle timeout on the depot controllers (change CHG pending).",
            Resolves: "VPN drops every few minutes"),
        new("itil4", ArticleKind.HowTo, "Bring a depot printer back online", "printer,depot", W, true, "priya.raman", Fate.Published,
            "1. Check that the printer's display shows an IP address starting with `10.20.`.\n2. If it shows `169.254.`, switch it off for 30 seconds: it lost its lease.\n3. On the PC, open *Printers & scanners*, remove the printer and add it again from `\\\\print01`.\n4. Still offline? Report an incident with the printer's asset tag.",
            Resolves: "Depot printer offline"),
        new("itil4", ArticleKind.KnownErrorWorkaround, "Label printer prints blank labels", "printer,labels,zebra", W, true, "priya.raman", Fate.Published,
            "## Symptom\nLabels come out blank or half printed.\n\n## Workaround\nRun *Calibrate media* from the printer's menu (hold the feed button for two flashes). The label stock changed width in March.\n\n## Fix\nThe driver template is being updated for the new stock.",
            Resolves: "Label printer prints blank labels"),
        new("itil4", ArticleKind.HowTo, "Set up mail on a new phone", "mobile,mail,m365", W, true, "hanna.schulz", Fate.Published,
            "Install **Outlook for iOS/Android**, sign in with your work address and approve the sign-in in the Authenticator app. The built-in mail app is not supported and will stop syncing after 30 days.",
            Resolves: "Mobile mail not syncing"),
        new("itil4", ArticleKind.Faq, "How do I reset my password?", "password,self-service", W, true, "lucas.moreau", Fate.Published,
            "Go to the password self-service page, confirm the code sent to your phone and choose a password of at least 14 characters. Your laptop picks it up the next time it is on the network."),
        new("itil4", ArticleKind.Faq, "Why is my laptop asking to restart on Thursday evenings?", "updates,laptop", W, true, "hanna.schulz", Fate.Published,
            "Monthly updates are installed on the second Thursday. Restart before 22:00 to choose your moment; otherwise the laptop restarts itself at 02:00."),
        new("itil4", ArticleKind.KnownErrorWorkaround, "Scheduling system slow at check-in in the morning", "scheduling,performance,clinics", C, true, "sabine.kruger", Fate.Published,
            "## Symptom\nCheck-in screens take 20–40 seconds between 07:30 and 08:30.\n\n## Workaround\nReception can use the *quick check-in* list (F7), which does not load the patient history.\n\n## Cause\nThe overnight statistics job overruns into opening hours; it has been moved to 01:00.",
            Resolves: "Scheduling system slow at check-in"),
        new("itil4", ArticleKind.KnownErrorWorkaround, "E-prescribing login fails after the token expired", "e-prescribing,authentication,clinics", C, true, "sabine.kruger", Fate.Published,
            "Clinicians whose hardware token expired get *Login failed (code 17)*. Use the temporary soft token from the clinic manager and request a new hardware token through the portal.",
            Resolves: "E-prescribing login fails"),
        new("itil4", ArticleKind.HowTo, "Check why lab results are not arriving", "lab,interfaces,clinics", C, false, "aiko.tanaka", Fate.Published,
            "1. Open the interface monitor and filter on the lab's channel.\n2. A queue above 50 messages means the channel stopped: restart it.\n3. Errors with `MSH-9` mean the lab changed its message type: raise it with the lab and the clinic's IT manager.",
            Resolves: "Lab results not arriving"),
        new("itil4", ArticleKind.BestPractice, "Triage in the first five minutes", "triage,service-desk", null, false, "tom.okafor", Fate.Published,
            "Confirm the service and the customer, set impact and urgency from the customer's words (not from the channel), and search the knowledge base before assigning. Most of our reassignments come from a wrong service in the first minute."),
        new("itil4", ArticleKind.BestPractice, "Writing a resolution a customer understands", "communication,resolution", null, false, "priya.raman", Fate.Published,
            "Say what was wrong, what you did and what the customer should do if it happens again, in two or three sentences without internal jargon. Link the article you used."),
        new("itil4", ArticleKind.HowTo, "Hand an incident to Bluewire's NOC", "wan,supplier,bluewire", N, false, "daniel.reyes", Fate.Published,
            "Collect the circuit ID and the last traceroute, open a case in Bluewire's portal and note its reference in a work note. The OLA clock keeps running while Bluewire works: check the case every hour."),
        new("itil4", ArticleKind.KnownErrorWorkaround, "Teams calls break up on the depot network", "teams,network,qos", W, true, "daniel.reyes", Fate.CritiquedThenInReview,
            "## Symptom\nCalls break up when several people at a depot are on Teams.\n\n## Workaround\nAsk users to turn off incoming video on large calls until QoS is enabled on the depot switches.",
            Resolves: "Teams calls break up"),
        new("itil4", ArticleKind.HowTo, "Restore a deleted file from the shared drive", "files,backup,shared-drive", W, true, "lucas.moreau", Fate.InReview,
            "Right-click the folder, choose *Restore previous versions* and pick a snapshot from before the deletion. Snapshots are kept for 30 days."),
        new("itil4", ArticleKind.HowTo, "Map the shared drive again after a laptop rebuild", "files,shared-drive", W, true, "hanna.schulz", Fate.ChangesRequested,
            "Open a command prompt and run `net use S: \\\\files01\\shared`.",
            Resolves: "Shared drive not mapped"),
        new("itil4", ArticleKind.Faq, "What counts as a major incident?", "major-incident,priority", null, false, "tom.okafor", Fate.PublishedWithDraft,
            "A major incident stops a whole depot or clinic, or a service for more than one customer. Call the duty manager, then raise it at priority 1."),
        new("itil4", ArticleKind.HowTo, "Reset a frozen reception PC", "pc,clinics", C, true, "priya.raman", Fate.Retired,
            "Hold the power button for ten seconds. (Replaced by the thin clients rolled out in the clinics.)"),
        new("itil4", ArticleKind.KnownErrorWorkaround, "Wi-Fi in depot Rotterdam unstable near the loading bays", "wifi,depot,rotterdam", W, false, "daniel.reyes", Fate.Draft,
            "Access point AP-ROT-07 is overloaded during shift changes. Until the extra access point is installed, scanners should use the `HL-Scan` network."),

        new("itilv3", ArticleKind.BestPractice, "Writing a change plan the CAB approves the first time", "change,cab", null, false, "rafael.costa", Fate.Published,
            "A plan names the configuration items, the test evidence, the back-out steps with their duration, and who checks the service afterwards. The CAB sends back half of the plans that miss the back-out duration."),
        new("itilv3", ArticleKind.BestPractice, "Emergency changes: what to record afterwards", "change,emergency", null, false, "rafael.costa", Fate.Published,
            "Within one working day record what was changed, why it could not wait, who approved it by phone, and the result. The ECAB reviews every emergency change at its next meeting."),
        new("itilv3", ArticleKind.HowTo, "Patch the hosting platform's hypervisors", "patching,vmware,hosting", H, false, "aiko.tanaka", Fate.Published,
            "Put one host in maintenance mode at a time, let DRS move the guests, patch, reboot, check the host's alarms, then continue. Never more than one host of a cluster at once."),
        new("itilv3", ArticleKind.HowTo, "Roll back a failed release on the clinical systems", "release,rollback,clinics", C, false, "sabine.kruger", Fate.Published,
            "Stop the application pool, restore the previous package from the release share, run the down-migration script named in the release note and start the pool. Tell the clinics' IT manager before and after."),
        new("itilv3", ArticleKind.BestPractice, "Keeping the CMDB true after a change", "cmdb,configuration,change", null, false, "sven.johansson", Fate.Published,
            "Close a change only after the configuration items it touched are updated; the change's checklist has the step. Audits find most CMDB errors in items changed under emergency changes."),
        new("itilv3", ArticleKind.Interpretation, "What ITIL v3 means by a standard change", "change,standard-change", null, false, "rafael.costa", Fate.Published,
            "A standard change is pre-authorised because its risk is low and its procedure proven. We keep the list in the change model catalogue; anything not on it goes to the CAB.", Clause: "change-management"),
        new("itilv3", ArticleKind.KnownErrorWorkaround, "Nightly backup job fails on the reporting database", "backup,sql-server,kestrel", D, false, "sabine.kruger", Fate.Published,
            "The job fails with *log full* when the batch overruns. Run a log backup before the full backup and move the job to 03:30.",
            Resolves: "Backup job failing"),
        new("itilv3", ArticleKind.KnownErrorWorkaround, "Deadlocks on the trades table after the index change", "sql-server,deadlock,kestrel", D, false, "sven.johansson", Fate.Published,
            "The new covering index makes the settlement job and the trade entry take locks in opposite order. Workaround: run settlement with `READ COMMITTED SNAPSHOT`. Permanent fix planned as a normal change.",
            Resolves: "Deadlocks on the trades table"),
        new("itilv3", ArticleKind.HowTo, "Find the cause of replication lag", "replication,sql-server,kestrel", D, false, "sabine.kruger", Fate.PublishedWithDraft,
            "Check the log reader agent's history first; lag with an idle agent points at the distributor's disk. Long transactions on the publisher show up as a single large batch.",
            Resolves: "Reporting database replication lag"),
        new("itilv3", ArticleKind.BestPractice, "Post-implementation reviews that teach something", "change,review", null, false, "rafael.costa", Fate.InReview,
            "Review failed and emergency changes within two weeks, ask what the plan did not know, and turn every answer into a checklist item or an article."),
        new("itilv3", ArticleKind.HowTo, "Firewall rule requests: what the network team needs", "firewall,security", N, false, "arjun.mehta", Fate.CritiquedThenInReview,
            "Source, destination, port, protocol, the business reason and an end date. Rules without an end date are reviewed every quarter."),
        new("itilv3", ArticleKind.BestPractice, "Release windows for the clinics", "release,clinics", C, false, "sabine.kruger", Fate.ChangesRequested,
            "Release on Sunday mornings."),
        new("itilv3", ArticleKind.HowTo, "Decommission a virtual server", "hosting,decommission", H, false, "aiko.tanaka", Fate.Draft,
            "Check the CMDB for services that depend on it, switch it off for two weeks, then delete it and update the CMDB."),
        new("itilv3", ArticleKind.HowTo, "Schedule changes with the old change calendar", "change,calendar", null, false, "hanna.schulz", Fate.Retired,
            "Book the slot in the shared Excel calendar. (Replaced by the change schedule in Steward.)"),

        new("iso", ArticleKind.Interpretation, "Clause 8.2.3: controlling processes that other parties operate", "iso20000,outsourcing,governance", null, false, "maya.lindqvist", Fate.Published,
            "Where Sabine Consulting or Bluewire perform steps of our processes, the clause asks us to stay accountable: we define the step's requirements, agree them (underpinning contract, OLA) and measure the party. Steward's sourcing matrix is our evidence.", Clause: "8.2.3"),
        new("iso", ArticleKind.Interpretation, "Clause 4.4: what belongs in our certification scope", "iso20000,scope", null, false, "maya.lindqvist", Fate.Published,
            "The scope names the services and the customers; processes performed by others stay in scope when we remain accountable for them. Skills we only lend (Kestrel) are outside it.", Clause: "4.4"),
        new("iso", ArticleKind.Interpretation, "Clause 9.1: monitoring what our suppliers deliver", "iso20000,suppliers,measurement", null, false, "rafael.costa", Fate.Published,
            "Measure every party against the agreement that names it, monthly, and keep the figures: the SLA report by party and the satisfaction report by party are what the auditor asks for.", Clause: "9.1"),
        new("iso", ArticleKind.BestPractice, "Preparing evidence for the surveillance audit", "iso20000,audit", null, false, "tom.okafor", Fate.Published,
            "Export the compliance report, the journal of the sampled records and the agreements register a week before the audit; check that every sampled record names its performing party."),
        new("iso", ArticleKind.Interpretation, "Clause 7.2: competence of the partners' people", "iso20000,competence,skills", null, false, "arjun.mehta", Fate.InReview,
            "The competence requirement reaches the contractors' specialists who perform our steps: keep their skills and assessments in the skills register.", Clause: "7.2"),
        new("iso", ArticleKind.Interpretation, "Clause 10.1: nonconformities found in partners' work", "iso20000,improvement", null, false, "rafael.costa", Fate.ChangesRequested,
            "Record them as improvement actions.", Clause: "10.1"),
        new("iso", ArticleKind.Faq, "Does the customer's own IT need to be certified?", "iso20000,customers", null, true, "maya.lindqvist", Fate.Published,
            "No. Our certificate covers the services and processes we are accountable for. Where your IT performs steps itself, those steps are yours and outside our scope."),
        new("iso", ArticleKind.Interpretation, "Clause 8.3.3: service level management with several parties", "iso20000,sla", null, false, "olivia.bennett", Fate.Draft,
            "Each SLA target we agree with a customer must be backed by OLA or underpinning-contract targets at least as tight.", Clause: "8.3.3"),
    ];

    static readonly string[] Critiques =
    [
        "Please add what the user sees first (the exact message), so people can find this from the symptom.",
        "The steps need the back-out: what do we do if it makes things worse?",
        "Too thin for a reviewer to approve: say when this applies and when it does not.",
    ];

    public static async Task AddAsync(StewardDbContext db, ActorResolver resolver, IdentityCache identities, Instant now, CancellationToken ct)
    {
        var meridian = await db.Organizations.Where(o => o.Name == "Meridian Managed Services").Select(o => o.Id).SingleAsync(ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var services = await db.Services.Where(s => s.ProviderId == meridian).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var acting = new DemoActing(db, resolver, people);
        var random = new Random(1919);
        var start = now - Duration.FromDays(88);
        KnowledgeWorkflow Flow() => new(db, acting.Clock, identities);
        static T Ok<T>((T? Value, KnowledgeProblem? Problem) result) where T : class =>
            result.Value ?? throw new InvalidOperationException($"Demo knowledge refused: {result.Problem?.Detail}");
        static void Done(KnowledgeProblem? problem)
        {
            if (problem is not null) throw new InvalidOperationException($"Demo knowledge refused: {problem.Detail}");
        }

        var communities = new Dictionary<string, Guid>();
        foreach (var circle in Circles)
        {
            acting.AsSystem();
            var community = Ok(await Flow().CreateCommunityAsync(new CommunityBody(circle.Name, circle.Purpose, meridian, [circle.Framework], circle.Processes), ct));
            communities[circle.Key] = community.Id;
            foreach (var (email, role) in circle.Reviewers.Select(r => (r, MemberRole.Reviewer)).Concat(circle.Members.Select(m => (m, MemberRole.Member)))
                         .Prepend((circle.Moderator, MemberRole.Moderator)))
                Done((await Flow().AddMemberAsync(community.Id, acting.Id(email), role, ct)).Problem);
        }

        var published = new List<(Guid Id, A Article, Instant At)>();
        for (var i = 0; i < Articles.Length; i++)
        {
            var a = Articles[i];
            var circle = Circles.Single(c => c.Key == a.Circle);
            var at = start + Duration.FromHours(i * 50 + random.Next(8));
            var reviewers = circle.Reviewers.Append(circle.Moderator).Where(r => r != a.Author).ToArray();
            ArticleInput Input(string body) => new(a.Title, body, a.Kind, communities[a.Circle], a.Tags.Split(','),
                a.Service is null ? [] : [services[a.Service]], circle.Processes.Take(1).ToList(),
                a.ForCustomers ? ArticleAudience.Customers : ArticleAudience.Internal, [], a.Clause is null ? null : circle.Framework, a.Clause, null);
            async Task Step(string email, double hoursLater) { at += Duration.FromMinutes((long)(hoursLater * 60)); await acting.AsAsync(email, at, ct); db.ChangeTracker.Clear(); }

            await Step(a.Author, 0);
            var (article, refusedArticle) = await Flow().CreateArticleAsync(Input(a.Body), ct);
            if (article is null)
                throw new InvalidOperationException($"Demo article '{a.Title}' by {a.Author} refused: {refusedArticle?.Detail}");
            if (a.Fate is Fate.Draft) continue;

            await Step(a.Author, 1 + random.Next(20));
            Ok(await Flow().SubmitAsync(article.Id, KnowledgeWorkflow.AnyVersion, ct));
            if (a.Fate is Fate.InReview) continue;

            if (a.Fate is Fate.ChangesRequested or Fate.CritiquedThenInReview)
            {
                await Step(reviewers[0], 4 + random.Next(30));
                Done((await Flow().ReviewAsync(article.Id, ReviewVerdict.RequestChanges, Critiques[i % Critiques.Length], null, ct)).Problem);
                if (a.Fate is Fate.ChangesRequested) continue;
                await Step(a.Author, 6 + random.Next(40));
                Ok(await Flow().EditArticleAsync(article.Id, KnowledgeWorkflow.AnyVersion, Input(a.Body + "\n\n_Revised after review: what the user sees and when this does not apply._"), ct));
                await Step(a.Author, 1);
                Ok(await Flow().SubmitAsync(article.Id, KnowledgeWorkflow.AnyVersion, ct));
                await Step(reviewers[1], 3 + random.Next(20));
                Done((await Flow().ReviewAsync(article.Id, ReviewVerdict.Approve, "Much clearer now.", null, ct)).Problem);
                continue;
            }

            // Two approvals reach the quorum and publish the version.
            foreach (var reviewer in reviewers.OrderBy(_ => random.Next()).Take(2))
            {
                await Step(reviewer, 2 + random.Next(36));
                Done((await Flow().ReviewAsync(article.Id, ReviewVerdict.Approve, random.NextDouble() < 0.4 ? "Clear and tested, thanks." : null, null, ct)).Problem);
            }
            published.Add((article.Id, a, at));

            if (a.Fate is Fate.Retired)
            {
                await Step(circle.Moderator, 24 * (20 + random.Next(20)));
                Ok(await Flow().RetireAsync(article.Id, KnowledgeWorkflow.AnyVersion, ct));
            }
            else if (a.Fate is Fate.PublishedWithDraft)
            {
                await Step(a.Author, 24 * (10 + random.Next(20)));
                Ok(await Flow().EditArticleAsync(article.Id, KnowledgeWorkflow.AnyVersion, Input(a.Body + "\n\n**Update:** the procedure changes with the new tooling; this draft adds the new steps."), ct));
            }
        }

        await TieToIncidentsAsync(db, acting, Flow, published, random, now, ct);
        await ReadersRespondAsync(db, acting, Flow, published, people, services, random, now, ct);
        acting.AsSystem();
    }

    /// <summary>Resolved incidents whose title the known error or how-to answers, after it was published, were resolved with it.</summary>
    static async Task TieToIncidentsAsync(StewardDbContext db, DemoActing acting, Func<KnowledgeWorkflow> flow, List<(Guid Id, A Article, Instant At)> published,
        Random random, Instant now, CancellationToken ct)
    {
        foreach (var (id, a, at) in published.Where(p => p.Article.Resolves is not null))
        {
            acting.AsSystem();
            var records = await db.WorkRecords.AsNoTracking()
                .Where(r => r.Kind == RecordKind.Incident && r.Title == a.Resolves && r.ResolvedAt != null && r.ResolvedAt > at)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.ResolvedAt, r.AssigneeId }).Take(15).ToListAsync(ct);
            foreach (var record in records)
            {
                var agent = record.AssigneeId ?? acting.Id("tom.okafor");
                await acting.AsAsync(agent, record.ResolvedAt!.Value - Duration.FromMinutes(5), ct);
                var relation = random.NextDouble() < 0.8 ? ArticleRelation.UsedToResolve : ArticleRelation.Related;
                var (_, _, problem) = await flow().LinkAsync(RecordKind.Incident, record.Id, id, relation, ct);
                if (problem is not null) throw new InvalidOperationException($"Demo link refused: {problem.Detail}");
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Readers say whether it helped; customers who found an answer in the portal end there (deflections).</summary>
    static async Task ReadersRespondAsync(StewardDbContext db, DemoActing acting, Func<KnowledgeWorkflow> flow, List<(Guid Id, A Article, Instant At)> published,
        Dictionary<string, Guid> people, Dictionary<string, Guid> services, Random random, Instant now, CancellationToken ct)
    {
        string[] staff = ["priya.raman", "lucas.moreau", "hanna.schulz", "daniel.reyes", "aiko.tanaka", "sven.johansson"];
        // A customer's people read and find the articles of the services their organization uses.
        static string[] CustomersOf(string? service) => service switch
        {
            W => ["peter.vance", "ingrid.deboer", "kofi.mensah", "sara.jansen"],
            C => ["emily.carter", "nina.petrova", "james.holt"],
            _ => ["peter.vance", "ingrid.deboer", "emily.carter", "nina.petrova", "charlotte.hughes"],
        };
        foreach (var (id, a, at) in published.Where(p => p.Article.Fate is not Fate.Retired))
        {
            var customers = CustomersOf(a.Service);
            var readers = (a.ForCustomers ? customers.Concat(staff.Take(3)) : staff).Where(r => r != a.Author).OrderBy(_ => random.Next()).Take(2 + random.Next(5));
            foreach (var reader in readers)
            {
                var when = at + Duration.FromHours(6 + random.Next(24 * 20));
                if (when >= now) continue;
                await acting.AsAsync(reader, when, ct);
                var helpful = random.NextDouble() < (a.Fate is Fate.PublishedWithDraft ? 0.55 : 0.85);
                var comment = helpful ? (random.NextDouble() < 0.3 ? "Worked first time." : null) : "The steps did not match what I saw.";
                var (_, _, problem) = await flow().GiveFeedbackAsync(id, helpful, comment, ct);
                if (problem is not null) throw new InvalidOperationException($"Demo feedback refused: {problem.Detail}");
                db.ChangeTracker.Clear();
            }
            if (!a.ForCustomers) continue;
            for (var d = random.Next(4); d > 0; d--)
            {
                var when = at + Duration.FromHours(12 + random.Next(24 * 30));
                if (when >= now) continue;
                await acting.AsAsync(customers[random.Next(customers.Length)], when, ct);
                var (_, problem) = await flow().DeflectAsync(id, a.Title.Split(' ').Take(3).Aggregate((x, y) => x + " " + y),
                    a.Service is null ? null : services[a.Service], ct);
                if (problem is not null) throw new InvalidOperationException($"Demo deflection refused: {problem.Detail}");
                db.ChangeTracker.Clear();
            }
        }
    }
}
