using System.ComponentModel.DataAnnotations;
using Steward.Core;
using Steward.Server.Knowledge;

namespace Steward.Server.Ui.Knowledge;

/// <summary>
/// The pages' way into the knowledge base: each operation gets a fresh context with the circuit's
/// actor and goes through <see cref="KnowledgeWorkflow"/> or <see cref="KnowledgeReader"/>, the
/// API's own rules and reads, so that a page refuses exactly what the API refuses, with the same words.
/// </summary>
public sealed class KnowledgeUi(UiDb ui, KnowledgeWorkflowFactory flows)
{
    public UiDb Ui => ui;

    /// <summary>The version a page showed: a change applies only while the row is still at it.</summary>
    public static VersionCheck Seen(long version) => current => current == version;

    /// <summary>Reads through the reader's rules (drafts for members only, published articles for others).</summary>
    public async Task<T> ReadAsync<T>(Func<KnowledgeReader, StewardDbContext, Task<T>> read, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        return await read(new KnowledgeReader(db), db);
    }

    /// <summary>One change through the workflow, which saves; the refusal, or null.</summary>
    public async Task<KnowledgeProblem?> ChangeAsync(Func<KnowledgeWorkflow, Task<KnowledgeProblem?>> change, CancellationToken ct = default)
    {
        await using var db = await ui.OpenAsync(ct);
        return await change(flows.For(db));
    }

    /// <summary>One change through the workflow that answers what it made or changed.</summary>
    public async Task<(T? Value, KnowledgeProblem? Problem)> ChangeAsync<T>(Func<KnowledgeWorkflow, Task<(T?, KnowledgeProblem?)>> change, CancellationToken ct = default)
        where T : class
    {
        await using var db = await ui.OpenAsync(ct);
        return await change(flows.For(db));
    }

    /// <summary>A workflow on a context the caller holds, for the few changes that need a second step in the same unit.</summary>
    public KnowledgeWorkflow On(StewardDbContext db) => flows.For(db);

    /// <summary>
    /// The API's checks of a request's shape (its DataAnnotations: lengths, one line, no control
    /// characters), which the endpoints run before the workflow: the first broken one, or null.
    /// </summary>
    public static string? Shape(object body)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true)) return null;
        var first = results[0];
        return first.MemberNames.FirstOrDefault() is { } member ? $"{member}: {first.ErrorMessage}" : first.ErrorMessage;
    }

    /// <summary>What a page says of a refusal: the workflow's sentence, which names the rule (and the field, for bad input).</summary>
    public static string? Say(KnowledgeProblem? problem) => problem switch
    {
        null => null,
        { Kind: Refusal.Stale } => UiDb.Stale,
        { Kind: Refusal.Forbidden } p => "Not allowed: " + p.Detail,
        _ => problem.Detail,
    };
}
