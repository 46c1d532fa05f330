namespace Steward.ReleaseFixture;

/// <summary>
/// Knowledge as a community of practice (issue 19): two communities with members of the provider,
/// its supplier and its contractor; articles through their whole lifecycle (a draft, one sent back
/// and approved at the quorum with a second version in review, one published by a moderator below
/// the quorum, one retired, one drafted from a resolved incident); reviews, readers' feedback, a
/// deflection and the articles' ties to incidents and requests.
/// </summary>
sealed partial class FixtureData
{
    const string Communities = "/api/v1/communities";
    const string Articles = "/api/v1/knowledge/articles";
    public const string RitaEmail = "rita.requester@harbour-bank.example";
    public const string QuinnEmail = "quinn@quay-insurance.example";
    const string NinaEmail = "nina@northwind-networks.example";

    Guid incidentPractice, messaging;
    Guid passwordReset, partiesReading, faxReset, knownError, draft;

    async Task KnowledgeAsync()
    {
        // Reviewers other than the writer (the administrator): Alice, a moderator, and Nina of the supplier.
        using var aliceApi = await AsPersonAsync(AliceEmail);
        using var ninaApi = await AsPersonAsync(NinaEmail);
        using var ritaApi = await AsPersonAsync(RitaEmail);

        incidentPractice = (await api.PostAsync(Communities, new
        {
            name = "Incident practice", purpose = "How we restore service, and how we read ITIL 4 and ISO/IEC 20000-1 on it.",
            frameworks = new[] { "itil-4", "iso-20000-1" }, processKeys = new[] { "incident-management" }, skillIds = new[] { exchange, itil },
        })).Id();
        await api.PutAsync($"{Communities}/{incidentPractice}", new
        {
            name = "Incident practice", purpose = "How we restore service with our supplier and contractor, and how we read ITIL 4 and ISO/IEC 20000-1 on it.",
            reviewQuorum = 2,
        });
        messaging = (await api.PostAsync(Communities, new
        {
            name = "Messaging know-how", purpose = "Mail, calendars and the last fax lines.", processKeys = new[] { "request-fulfilment" }, reviewQuorum = 1,
        })).Id();

        await MemberAsync(incidentPractice, alice, "Moderator");
        await MemberAsync(incidentPractice, nina, "Reviewer");
        await MemberAsync(incidentPractice, admin, "Member");
        await MemberAsync(incidentPractice, conrad, "Member");
        // A member given another role: 200, the membership's second version.
        await api.PostOkAsync($"{Communities}/{incidentPractice}/members", new { personId = conrad, role = "Reviewer" });
        await MemberAsync(messaging, admin, "Moderator");
        await MemberAsync(messaging, alice, "Reviewer");

        // For Harbour Bank's and Quay's people: sent back once, approved by both reviewers at the quorum, then a second version in review.
        passwordReset = (await api.PostAsync(Articles, new
        {
            communityId = incidentPractice, title = "Reset a mailbox password", kind = "HowTo", audience = "Customers",
            body = "1. Open **Account settings**.\n2. Choose *Reset password*.\n3. Follow the link in the mail we send you.",
            serviceIds = new[] { email }, processKeys = new[] { "incident-management" }, tags = new[] { "mailbox", "password" },
        })).Id();
        var article = $"{Articles}/{passwordReset}";
        await SubmitAsync(api, article);
        await ninaApi.PostAsync($"{article}/reviews", new { verdict = "RequestChanges", comment = "Say how long the reset link works.", versionNumber = 1 });
        await api.PutAsync(article, new
        {
            title = "Reset a mailbox password", kind = "HowTo", audience = "Customers",
            body = "1. Open **Account settings**.\n2. Choose *Reset password*.\n3. Follow the link in the mail we send you; it works for one hour.",
            serviceIds = new[] { email }, processKeys = new[] { "incident-management" }, tags = new[] { "mailbox", "password" },
        });
        await SubmitAsync(api, article);
        await aliceApi.PostAsync($"{article}/reviews", new { verdict = "Approve", comment = "Clear.", versionNumber = 1 });
        await ninaApi.PostAsync($"{article}/reviews", new { verdict = "Approve", versionNumber = 1 });
        await api.PutAsync(article, new
        {
            title = "Reset a mailbox password", kind = "HowTo", audience = "Customers",
            body = "1. Open **Account settings**.\n2. Choose *Reset password*.\n3. Follow the link in the mail we send you; it works for one hour.\n\nLocked out? Call the service desk.",
            serviceIds = new[] { email }, processKeys = new[] { "incident-management" }, tags = new[] { "mailbox", "password", "locked out" },
        });
        await SubmitAsync(api, article);
        await ninaApi.PostAsync($"{article}/reviews", new { verdict = "Approve", versionNumber = 2 });

        // An interpretation, internal, published by the moderator with none of the two approvals it needs.
        partiesReading = (await api.PostAsync(Articles, new
        {
            communityId = incidentPractice, title = "How we read 8.2.3: control of parties", kind = "Interpretation",
            framework = "iso-20000-1", clause = "8.2.3",
            body = "Northwind restores the network under UC-NET-01; **we** stay accountable for the incident and its clock.",
            processKeys = new[] { "incident-management" }, tags = new[] { "sourcing" },
        })).Id();
        await SubmitAsync(api, $"{Articles}/{partiesReading}");
        await aliceApi.PostOkAsync($"{Articles}/{partiesReading}/publish", null, await aliceApi.ETagOfAsync($"{Articles}/{partiesReading}"));

        // Published at a quorum of one, used for a request, then retired.
        faxReset = (await api.PostAsync(Articles, new
        {
            communityId = messaging, title = "Reset a fax line", kind = "KnownErrorWorkaround", audience = "Customers", customerIds = new[] { harbour },
            body = "Unplug the line for ten seconds.", serviceIds = new[] { workplace }, tags = new[] { "fax" },
        })).Id();
        await SubmitAsync(api, $"{Articles}/{faxReset}");
        await aliceApi.PostAsync($"{Articles}/{faxReset}/reviews", new { verdict = "Approve" });

        draft = (await api.PostAsync(Articles, new
        {
            communityId = messaging, title = "Shared calendars on new phones", kind = "Faq",
            body = "Why a shared calendar does not show on a new phone, and what to do.", serviceIds = new[] { email },
        })).Id();

        // Tied to records: used to resolve the printer fault (a reuse) and the phone move; related to the mail outage.
        await api.PostAsync($"{Incidents}/{printer}/articles", new { articleId = passwordReset, relation = "UsedToResolve" });
        await api.PostAsync($"{Incidents}/{mail}/articles", new { articleId = passwordReset, relation = "UsedToResolve" });
        await api.PostOkAsync($"{Incidents}/{mail}/articles", new { articleId = passwordReset, relation = "Related" });
        await api.PostAsync($"{Incidents}/{mail}/articles", new { articleId = partiesReading, relation = "Related" });
        await api.PostAsync($"{Requests}/{desk2}/articles", new { articleId = faxReset, relation = "UsedToResolve" });
        await api.PostOkAsync($"{Articles}/{faxReset}/retire", null, await api.ETagOfAsync($"{Articles}/{faxReset}"));
        // A known error written from the resolved printer fault, tied to it as Related.
        knownError = (await api.PostAsync($"{Incidents}/{printer}/article-draft", new { communityId = incidentPractice })).Id();

        // Readers: a customer's person and the provider's people; the administrator changes their word.
        await ritaApi.PostAsync($"{Articles}/{passwordReset}/feedback", new { helpful = true, comment = "Worked first time." });
        await api.PostAsync($"{Articles}/{passwordReset}/feedback", new { helpful = false, comment = "Mention the lockout." });
        await api.PostOkAsync($"{Articles}/{passwordReset}/feedback", new { helpful = true });
        await aliceApi.PostAsync($"{Articles}/{partiesReading}/feedback", new { helpful = true });
        await ritaApi.PostAsync($"{Articles}/{passwordReset}/deflections", new { query = "forgot mailbox password", serviceId = email });
    }

    Task MemberAsync(Guid community, Guid person, string role) =>
        api.PostAsync($"{Communities}/{community}/members", new { personId = person, role });

    static async Task SubmitAsync(Api writer, string article) =>
        await writer.PostOkAsync($"{article}/submit", null, await writer.ETagOfAsync(article));

    void KnowledgeReads()
    {
        foreach (var id in new[] { incidentPractice, messaging })
        {
            Read($"{Communities}/{id}");
            Read($"{Communities}/{id}/members");
        }
        // Messaging has nothing in review, so its measures read the same whenever they are asked;
        // Incident practice's count how long its review has waited, up to the moment of asking.
        var day = MadeAt.UtcDateTime.Date;
        Read($"{Communities}/{messaging}/measures?from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&interval=day");
        foreach (var id in new[] { passwordReset, partiesReading, faxReset, knownError, draft })
        {
            Read($"{Articles}/{id}");
            Read($"{Articles}/{id}/versions");
            Read($"{Articles}/{id}/versions/1");
            Read($"{Articles}/{id}/feedback");
        }
        Read($"{Articles}/{passwordReset}/versions/2");
        Read($"{Articles}/{passwordReset}/diff");
        Read($"{Articles}/{passwordReset}/diff?from=1&to=2");
        foreach (var url in new[]
                 {
                     Communities, $"{Articles}?sort=createdAt", $"{Articles}?state=Retired", $"{Articles}?q=mailbox%20pass",
                     $"{Articles}?communityId={incidentPractice}&kind=Interpretation",
                 })
            Read(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200", paged: true);
        Read("/api/v1/knowledge/reviews/waiting");
    }
}
