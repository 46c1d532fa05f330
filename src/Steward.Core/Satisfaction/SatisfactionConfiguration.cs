using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;

namespace Steward.Core.Satisfaction;

sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> e)
    {
        e.Property(s => s.Name).HasMaxLength(PartyLimits.Name);
        e.Property(s => s.ServiceIds).HasReadableJsonConversion();
        e.Property(s => s.CustomerIds).HasReadableJsonConversion();
        e.Property(s => s.RecordKinds).HasReadableJsonConversion();
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.ProviderId, s.Name }).IsUnique();
        // The record workflow's one read when a provider's configuration changed: its active surveys of a trigger.
        e.HasIndex(s => new { s.ProviderId, s.Trigger, s.IsActive });
    }
}

sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> e)
    {
        e.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // A round happens once: the second server to write it is refused here.
        e.HasIndex(r => new { r.SurveyId, r.Round }).IsUnique();
    }
}

/// <remarks>
/// The satisfaction report counts invitations and responses of a provider in a period, grouped by
/// one column, in the database. Each grouping has an index that starts with the provider and the
/// grouped column(s), then the period: SQLite reads the groups in index order and aggregates as it
/// goes, without sorting a million rows (a sort was two thirds of the time), and the response
/// indexes end with the rating and the likelihood to recommend, so that no row is read from the
/// table (the rows are wide: a dozen ids). The month grouping reads (provider, invited) one range per month.
/// </remarks>
sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> e)
    {
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(i => i.InviteeId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the record: adding one rebuilds the records' table on SQLite. Records are never deleted.
        // The invitee's open invitations (the portal, the bell's dialog).
        e.HasIndex(i => new { i.InviteeId, i.ExpiresAt });
        // A record's invitations: the record page, and a reopened record resolved again is not asked twice.
        e.HasIndex(i => new { i.RecordId, i.SurveyId });
        // A periodic round invites each contact once, whichever server runs it.
        e.HasIndex(i => new { i.SurveyId, i.Round, i.InviteeId }).IsUnique();
        e.HasIndex(i => new { i.ProviderId, i.InvitedAt });
        e.HasIndex(i => new { i.ProviderId, i.PerformerId, i.AccountableId, i.PerformerAgreement, i.InvitedAt });
        e.HasIndex(i => new { i.ProviderId, i.ServiceId, i.InvitedAt });
        e.HasIndex(i => new { i.ProviderId, i.CustomerId, i.InvitedAt });
        e.HasIndex(i => new { i.ProviderId, i.SourcingKind, i.InvitedAt });
    }
}

sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> e)
    {
        e.Property(r => r.Comment).HasMaxLength(SurveyLimits.Comment);
        e.HasOne<SurveyInvitation>().WithOne().HasForeignKey<SurveyResponse>(r => r.InvitationId).OnDelete(DeleteBehavior.Cascade);
        // Once per invitation, even when two answers race.
        e.HasIndex(r => r.InvitationId).IsUnique();
        e.HasIndex(r => r.RecordId);
        // The report counts answers per group, rating and recommendation: in these indexes' order, so
        // that no statement sorts, and only count(*) is computed per row (SatisfactionCounts).
        // Months read ranges of the first one instead.
        e.HasIndex(r => new { r.ProviderId, r.InvitedAt, r.Rating, r.Recommend });
        e.HasIndex(r => new { r.ProviderId, r.PerformerId, r.AccountableId, r.PerformerAgreement, r.Rating, r.Recommend, r.InvitedAt });
        e.HasIndex(r => new { r.ProviderId, r.ServiceId, r.Rating, r.Recommend, r.InvitedAt });
        e.HasIndex(r => new { r.ProviderId, r.CustomerId, r.Rating, r.Recommend, r.InvitedAt });
        e.HasIndex(r => new { r.ProviderId, r.SourcingKind, r.Rating, r.Recommend, r.InvitedAt });
    }
}

sealed class SatisfactionFollowUpConfiguration : IEntityTypeConfiguration<SatisfactionFollowUp>
{
    public void Configure(EntityTypeBuilder<SatisfactionFollowUp> e)
    {
        e.Property(f => f.Outcome).HasMaxLength(SurveyLimits.Comment);
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasOne<SurveyResponse>().WithOne().HasForeignKey<SatisfactionFollowUp>(f => f.ResponseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => f.ResponseId).IsUnique();
        e.HasIndex(f => f.RecordId);
        // The open follow-ups of a provider, newest first, and each owner's own.
        e.HasIndex(f => new { f.ProviderId, f.State, f.Id });
        e.HasIndex(f => new { f.OwnerId, f.State });
    }
}
