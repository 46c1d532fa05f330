using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Audit;
using Steward.Core.Parties;
using Steward.Core.Records;

namespace Steward.Core.Knowledge;

sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> e)
    {
        e.Property(c => c.Name).HasMaxLength(KnowledgeLimits.Name);
        e.Property(c => c.NameKey).HasMaxLength(KnowledgeLimits.Name).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(c => c.Purpose).HasMaxLength(KnowledgeLimits.Purpose);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.ProviderId, c.NameKey }).IsUnique();
        e.HasIndex(c => new { c.Name, c.Id });
    }
}

sealed class CommunityMemberConfiguration : IEntityTypeConfiguration<CommunityMember>
{
    public void Configure(EntityTypeBuilder<CommunityMember> e)
    {
        e.Property(m => m.Version).IsConcurrencyToken();
        e.HasOne<Community>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.CommunityId, m.PersonId }).IsUnique();
        // A person's communities are looked up as they sign in (ActorResolver) and for their reviews.
        e.HasIndex(m => m.PersonId);
    }
}

sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> e)
    {
        e.Property(a => a.Title).HasMaxLength(KnowledgeLimits.Title);
        // Search's own copies of the versions' words: derived, so the journal leaves them out.
        e.Property(a => a.ReadingText).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(a => a.WorkingText).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne<Community>().WithMany().HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // Lists page by (title, id) or by id within a provider, a community or a state. Suggestions
        // walk a provider's published articles newest first and stop once enough name the service.
        e.HasIndex(a => new { a.ProviderId, a.State, a.Title, a.Id });
        e.HasIndex(a => new { a.ProviderId, a.State, a.Id });
        e.HasIndex(a => new { a.CommunityId, a.State, a.Id });
        e.HasIndex(a => new { a.Title, a.Id });
    }
}

sealed class ArticleVersionConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public void Configure(EntityTypeBuilder<ArticleVersion> e)
    {
        e.Property(v => v.Title).HasMaxLength(KnowledgeLimits.Title);
        e.Property(v => v.Body).HasMaxLength(KnowledgeLimits.Body);
        e.Property(v => v.Framework).HasMaxLength(20);
        e.Property(v => v.Clause).HasMaxLength(KnowledgeLimits.Clause);
        e.Property(v => v.Version).IsConcurrencyToken();
        e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
        // Reviews waiting for someone: the versions in review of their communities.
        e.HasIndex(v => new { v.CommunityId, v.State });
    }
}

sealed class ArticleReviewConfiguration : IEntityTypeConfiguration<ArticleReview>
{
    public void Configure(EntityTypeBuilder<ArticleReview> e)
    {
        e.Property(r => r.Comment).HasMaxLength(KnowledgeLimits.Comment);
        e.HasOne<ArticleVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        // One current review per reviewer and version is the workflow's rule: a review changes the
        // article's version, so of two at once the second is retried and replaces the first.
        e.HasIndex(r => new { r.VersionId, r.ReviewerId });
        e.HasIndex(r => new { r.ArticleId, r.Id });
        e.HasIndex(r => new { r.ReviewerId, r.Id });
    }
}

sealed class ArticleFeedbackConfiguration : IEntityTypeConfiguration<ArticleFeedback>
{
    public void Configure(EntityTypeBuilder<ArticleFeedback> e)
    {
        e.Property(f => f.Comment).HasMaxLength(KnowledgeLimits.Comment);
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.ArticleId, f.PersonId }).IsUnique();
        e.HasIndex(f => new { f.CommunityId, f.At });
    }
}

sealed class RecordArticleConfiguration : IEntityTypeConfiguration<RecordArticle>
{
    public void Configure(EntityTypeBuilder<RecordArticle> e)
    {
        e.Property(l => l.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(l => l.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => new { l.RecordId, l.ArticleId }).IsUnique();
        // An article's reuse, and a community's, are counted from here.
        e.HasIndex(l => new { l.ArticleId, l.Relation });
        e.HasIndex(l => new { l.CommunityId, l.Relation });
        // Article reuse across a provider: the records resolved with an article, found from the links (a few per hundred records).
        e.HasIndex(l => new { l.ProviderId, l.Relation, l.RecordId });
    }
}

sealed class KnowledgeDeflectionConfiguration : IEntityTypeConfiguration<KnowledgeDeflection>
{
    public void Configure(EntityTypeBuilder<KnowledgeDeflection> e)
    {
        e.Property(d => d.Query).HasMaxLength(KnowledgeLimits.Query);
        e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.CommunityId, d.At });
        e.HasIndex(d => d.ArticleId);
    }
}

sealed class ArticleSearchRowConfiguration : IEntityTypeConfiguration<ArticleSearchRow>
{
    // Not mapped to a table: only ever read through KnowledgeSearch's SQL.
    public void Configure(EntityTypeBuilder<ArticleSearchRow> e) => e.HasNoKey().ToView(null);
}
