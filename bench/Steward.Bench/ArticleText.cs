namespace Steward.Bench;

/// <summary>
/// Titles, Markdown bodies and tags a service desk's knowledge base holds: a component (the same
/// ones incidents name, so that suggestions find something) with a symptom or a task, and sections
/// of sentences drawn from an IT vocabulary of a few hundred words plus a long Zipf tail of rarer
/// ones (product words, host names, error codes), so that a search meets common words (a few
/// percent of articles), middling and rare ones (a handful at 100,000).
/// </summary>
public sealed class ArticleText
{
    static readonly string[] Tasks =
    [
        "reset", "reconfigure", "reinstall", "enable", "renew", "map", "migrate", "troubleshoot", "request access to", "set up", "update", "remove",
        "back up", "restore", "share", "recover", "unlock", "register",
    ];

    static readonly string[] Vocabulary =
    [
        "open", "settings", "select", "click", "account", "sign", "profile", "restart", "device", "network", "connection", "update", "install",
        "version", "client", "server", "cache", "browser", "password", "certificate", "policy", "group", "permissions", "folder", "drive", "sync",
        "mailbox", "calendar", "license", "portal", "ticket", "service", "desk", "user", "users", "remote", "office", "laptop", "screen", "window",
        "error", "message", "code", "log", "logs", "check", "verify", "confirm", "wait", "minutes", "again", "then", "first", "after", "before",
        "if", "the", "a", "to", "of", "and", "in", "on", "is", "it", "for", "with", "your", "you", "this", "that", "when", "not", "can", "be",
        "administrator", "admin", "rights", "local", "domain", "tenant", "token", "session", "timeout", "proxy", "dns", "dhcp", "gateway", "port",
        "firmware", "driver", "bios", "battery", "dock", "display", "cable", "adapter", "wireless", "ssid", "vlan", "tunnel", "split", "route",
        "backup", "snapshot", "restore", "quota", "storage", "archive", "retention", "export", "import", "template", "workflow", "approval",
        "invoice", "order", "purchase", "payroll", "timesheet", "report", "dashboard", "field", "record", "customer", "supplier", "contract",
        "escalate", "assign", "priority", "impact", "urgency", "workaround", "cause", "known", "problem", "change", "release", "deploy", "rollback",
        "monitor", "alert", "threshold", "disk", "memory", "cpu", "latency", "packet", "loss", "bandwidth", "outage", "maintenance", "window",
        "encryption", "bitlocker", "recovery", "key", "mfa", "authenticator", "app", "phone", "sms", "push", "approve", "deny", "lockout",
    ];

    static readonly string[] Areas = ["network", "identity", "email", "hardware", "printing", "collaboration", "finance", "hr", "security", "storage", "telephony", "erp"];

    readonly string[] tail;
    readonly double[] tailWeights;

    public ArticleText(int seed)
    {
        var rng = new Random(seed * 7919);
        const string syllables = "ka lo mi re tu sa ne vo ri da fe gu po li ma te ro ba ze ni qua sto pre tri mon";
        var parts = syllables.Split(' ');
        var words = new HashSet<string>();
        while (words.Count < 6000) words.Add(string.Concat(Enumerable.Range(0, 2 + rng.Next(3)).Select(_ => parts[rng.Next(parts.Length)])));
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
        if (rng.NextDouble() < 0.85) return Vocabulary[rng.Next(Vocabulary.Length)];
        var i = Array.BinarySearch(tailWeights, rng.NextDouble());
        return tail[Math.Min(i < 0 ? ~i : i, tail.Length - 1)];
    }

    string Sentence(Random rng, string component)
    {
        var words = Enumerable.Range(0, 7 + rng.Next(10)).Select(_ => Word(rng)).ToList();
        if (rng.NextDouble() < 0.4) words.Insert(rng.Next(words.Count), component);
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }

    string Paragraph(Random rng, string component, int sentences) => string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(rng, component)));

    /// <summary>Title, Markdown body (about 150–350 words) and tags of one article.</summary>
    public (string Title, string Body, string[] Tags) Next(Random rng)
    {
        var component = IncidentText.Components[rng.Next(IncidentText.Components.Length)];
        var symptom = IncidentText.Symptoms[rng.Next(IncidentText.Symptoms.Length)];
        var title = rng.Next(4) switch
        {
            0 => $"How to {Tasks[rng.Next(Tasks.Length)]} {component}",
            1 => $"{component} {symptom}: workaround",
            2 => $"Known error: {component} {symptom} after {Word(rng)} update",
            _ => $"Why {component} {symptom} and what to do",
        };
        var steps = string.Join('\n', Enumerable.Range(1, 3 + rng.Next(4)).Select(i => $"{i}. {Sentence(rng, component)}"));
        var body = $"## Symptoms\n\n{component} {symptom}. {Paragraph(rng, component, 2 + rng.Next(3))}\n\n## Cause\n\n{Paragraph(rng, component, 1 + rng.Next(3))}\n\n"
            + $"## Resolution\n\n{steps}\n\n{Paragraph(rng, component, 1 + rng.Next(2))}\n";
        var tags = new[] { component.ToLowerInvariant(), Areas[rng.Next(Areas.Length)] }
            .Concat(rng.NextDouble() < 0.5 ? [Word(rng)] : []).Distinct().ToArray();
        return (title, body, tags);
    }
}
