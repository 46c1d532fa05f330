using System.ComponentModel.DataAnnotations;
using Steward.Core.Knowledge;
using Steward.Server.Api;

namespace Steward.Server.Knowledge;

/// <summary>POST and PUT /api/v1/communities. The provider defaults to the caller's own; the quorum to 2.</summary>
public sealed record CommunityBody(
    [property: Required, StringLength(KnowledgeLimits.Name, MinimumLength = 1), SingleLine] string Name,
    [property: StringLength(KnowledgeLimits.Purpose), PlainText] string? Purpose = null,
    Guid? ProviderId = null,
    [property: MaxLength(3)] string?[]? Frameworks = null,
    [property: MaxLength(KnowledgeLimits.MaxProcessKeys)] string?[]? ProcessKeys = null,
    [property: MaxLength(KnowledgeLimits.MaxSkills)] Guid[]? SkillIds = null,
    [property: Range(1, KnowledgeLimits.MaxQuorum)] int? ReviewQuorum = null);

/// <summary>POST /api/v1/communities/{id}/members: adds the person, or changes the role of a member.</summary>
public sealed record MemberBody([property: Required] Guid PersonId, MemberRole Role = MemberRole.Member);

/// <summary>DELETE /api/v1/communities/{id}/members with a body naming the person (or ?personId=).</summary>
public sealed record MemberRemoval([property: Required] Guid PersonId);

/// <summary>
/// POST and PUT /api/v1/knowledge/articles: the whole content of the version written. The community
/// is named when the article is made and never changes; the owner defaults to the writer.
/// </summary>
public sealed record ArticleBody(
    [property: Required, StringLength(KnowledgeLimits.Title, MinimumLength = 1), SingleLine] string Title,
    [property: Required, StringLength(KnowledgeLimits.Body, MinimumLength = 1), PlainText] string Body,
    [property: Required] ArticleKind? Kind,
    Guid? CommunityId = null,
    [property: MaxLength(KnowledgeLimits.MaxTags)] string?[]? Tags = null,
    [property: MaxLength(KnowledgeLimits.MaxServices)] Guid[]? ServiceIds = null,
    [property: MaxLength(KnowledgeLimits.MaxProcessKeys)] string?[]? ProcessKeys = null,
    ArticleAudience Audience = ArticleAudience.Internal,
    [property: MaxLength(KnowledgeLimits.MaxCustomers)] Guid[]? CustomerIds = null,
    [property: StringLength(20)] string? Framework = null,
    [property: StringLength(KnowledgeLimits.Clause)] string? Clause = null,
    Guid? OwnerId = null);

/// <summary>
/// POST /api/v1/knowledge/articles/{id}/reviews. <c>versionNumber</c>, when given, is the version the
/// reviewer read: a review of a version no longer in review is refused (409) rather than given to a newer one.
/// </summary>
public sealed record ReviewBody(
    [property: Required] ReviewVerdict? Verdict,
    [property: StringLength(KnowledgeLimits.Comment), PlainText] string? Comment = null,
    [property: Range(1, int.MaxValue)] int? VersionNumber = null);

/// <summary>POST /api/v1/knowledge/articles/{id}/feedback.</summary>
public sealed record FeedbackBody([property: Required] bool? Helpful, [property: StringLength(KnowledgeLimits.Comment), PlainText] string? Comment = null);

/// <summary>POST /api/v1/knowledge/articles/{id}/deflections: "this solved it", with what the person was typing.</summary>
public sealed record DeflectionBody([property: StringLength(KnowledgeLimits.Query), PlainText] string? Query = null, Guid? ServiceId = null);

/// <summary>POST /api/v1/incidents/{id}/articles (and /requests).</summary>
public sealed record ArticleLinkBody([property: Required] Guid? ArticleId, ArticleRelation Relation = ArticleRelation.Related);

/// <summary>POST /api/v1/incidents/{id}/article-draft: the community the new draft is written in.</summary>
public sealed record RecordArticleDraftBody([property: Required] Guid? CommunityId);

/// <summary>What an article says, checked for shape; the workflow checks it against the community and the provider.</summary>
public sealed record ArticleInput(
    string Title, string Body, ArticleKind Kind, Guid? CommunityId, IReadOnlyList<string> Tags, IReadOnlyList<Guid> ServiceIds,
    IReadOnlyList<string> ProcessKeys, ArticleAudience Audience, IReadOnlyList<Guid> CustomerIds, string? Framework, string? Clause, Guid? OwnerId)
{
    /// <summary>The body as the API received it, or a problem naming the entry that is missing or malformed.</summary>
    public static (ArticleInput? Input, KnowledgeProblem? Problem) Of(ArticleBody body)
    {
        var tags = new List<string>();
        for (var i = 0; i < (body.Tags?.Length ?? 0); i++)
        {
            var tag = body.Tags![i]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > KnowledgeLimits.Tag || tag.Any(char.IsControl))
                return (null, KnowledgeProblem.Invalid($"tags[{i}]", $"A tag is one line of 1 to {KnowledgeLimits.Tag} characters."));
            if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) tags.Add(tag);
        }
        var processKeys = new List<string>();
        for (var i = 0; i < (body.ProcessKeys?.Length ?? 0); i++)
        {
            var key = body.ProcessKeys![i]?.Trim();
            if (string.IsNullOrEmpty(key) || key.Length > Core.Portfolio.PortfolioLimits.ProcessKey)
                return (null, KnowledgeProblem.Invalid($"processKeys[{i}]", "A process key names a process of the provider's library, such as incident-management."));
            if (!processKeys.Contains(key)) processKeys.Add(key);
        }
        var framework = Trimmed(body.Framework);
        var clause = Trimmed(body.Clause);
        if ((framework is null) != (clause is null))
            return (null, KnowledgeProblem.Invalid(framework is null ? "framework" : "clause", "A framework reference names both the framework and the clause (e.g. iso-20000-1 and 8.2.3)."));
        return (new ArticleInput(body.Title.Trim(), body.Body, body.Kind ?? ArticleKind.HowTo, body.CommunityId, tags,
            (body.ServiceIds ?? []).Distinct().ToList(), processKeys, body.Audience, (body.CustomerIds ?? []).Distinct().ToList(),
            framework, clause, body.OwnerId), null);
    }

    static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public ArticleContent ToContent() =>
        new(Title, Body, Kind, Tags, ServiceIds, ProcessKeys, Audience, CustomerIds, Framework is { } f && Clause is { } c ? new FrameworkReference(f, c) : null);
}

/// <summary>
/// GET /api/v1/knowledge/articles: filters, every one given must hold. <c>q</c> searches title,
/// body and tags (every word, each as a prefix), newest first; without it the list sorts by title
/// (default) or createdAt. Retired articles are left out unless <c>state=Retired</c>; <c>mine=true</c>
/// keeps the articles of the caller's own communities (drafts and reviews included).
/// </summary>
public sealed class ArticleQuery
{
    [StringLength(KnowledgeLimits.Query)] public string? Q { get; init; }
    public Guid? CommunityId { get; init; }
    public Guid? ProviderId { get; init; }
    [StringLength(40)] public string? Kind { get; init; }
    [StringLength(40)] public string? State { get; init; }
    [StringLength(20)] public string? Audience { get; init; }
    public Guid? ServiceId { get; init; }
    [StringLength(KnowledgeLimits.Tag)] public string? Tag { get; init; }
    [StringLength(100)] public string? ProcessKey { get; init; }
    public Guid? OwnerId { get; init; }
    /// <summary>Only (true) the articles of the communities the caller is a member of.</summary>
    public bool? Mine { get; init; }
    [Range(1, PageQuery.MaxLimit)] public int? Limit { get; init; }
    [StringLength(2000)] public string? Cursor { get; init; }
    [StringLength(40)] public string? Sort { get; init; }

    public PageQuery Page => new() { Limit = Limit, Cursor = Cursor, Sort = Sort };
}
