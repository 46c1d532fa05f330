using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steward.Core.Parties;

public static class PartyLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Text = 4000;
    public const int Label = 100;
}

sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.Property(o => o.Name).HasMaxLength(PartyLimits.Name);
        e.Property(o => o.NameKey).HasMaxLength(PartyLimits.Name).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(o => o.Description).HasMaxLength(PartyLimits.Text);
        e.Property(o => o.Website).HasMaxLength(PartyLimits.Name);
        e.Property(o => o.Version).IsConcurrencyToken();
        // Names are unique per kind: "Contoso" may be both a customer and a supplier.
        e.HasIndex(o => new { o.Kind, o.NameKey }).IsUnique();
        // Lists sort by name and page by (name, id).
        e.HasIndex(o => new { o.Name, o.Id });
    }
}

sealed class PartnerRelationshipConfiguration : IEntityTypeConfiguration<PartnerRelationship>
{
    public void Configure(EntityTypeBuilder<PartnerRelationship> e)
    {
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.ProviderId, r.PartnerId }).IsUnique();
        e.HasIndex(r => r.PartnerId);
    }
}

sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(p => p.Name).HasMaxLength(PartyLimits.Name);
        e.Property(p => p.Email).HasMaxLength(PartyLimits.Email);
        e.Property(p => p.JobTitle).HasMaxLength(PartyLimits.Name);
        e.Property(p => p.Phone).HasMaxLength(50);
        e.Property(p => p.TimeZone).HasMaxLength(64);
        e.Property(p => p.Locale).HasMaxLength(35);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.Email).IsUnique();
        e.HasIndex(p => new { p.Name, p.Id });
        e.HasIndex(p => new { p.OrganizationId, p.Name, p.Id });
    }
}

sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> e)
    {
        e.Property(t => t.Name).HasMaxLength(PartyLimits.Name);
        e.Property(t => t.Description).HasMaxLength(PartyLimits.Text);
        e.Property(t => t.Email).HasMaxLength(PartyLimits.Email);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.OrganizationId, t.Name }).IsUnique();
        e.HasIndex(t => new { t.Name, t.Id });
    }
}

sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> e)
    {
        e.Property(m => m.Version).IsConcurrencyToken();
        e.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => new { m.TeamId, m.PersonId }).IsUnique();
        e.HasIndex(m => m.PersonId);
    }
}

sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> e)
    {
        e.Property(s => s.Name).HasMaxLength(PartyLimits.Name);
        e.Property(s => s.Category).HasMaxLength(PartyLimits.Label);
        e.Property(s => s.Description).HasMaxLength(PartyLimits.Text);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasIndex(s => s.Name).IsUnique();
    }
}

sealed class PersonSkillConfiguration : IEntityTypeConfiguration<PersonSkill>
{
    public void Configure(EntityTypeBuilder<PersonSkill> e)
    {
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Skill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.PersonId, s.SkillId }).IsUnique();
        e.HasIndex(s => s.SkillId);
    }
}

sealed class CostRateConfiguration : IEntityTypeConfiguration<CostRate>
{
    public void Configure(EntityTypeBuilder<CostRate> e)
    {
        e.Property(c => c.Currency).HasMaxLength(3);
        e.Property(c => c.HourlyAmount).HasPrecision(18, 4);
        e.Property(c => c.HourlyUnits).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(c => c.ValidUntil).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.PersonId, c.ValidFrom }).IsUnique();
        e.HasIndex(c => new { c.TeamId, c.ValidFrom }).IsUnique();
        e.ToTable(t => t.HasCheckConstraint("CK_CostRates_OnePayee",
            "(\"PersonId\" IS NULL) <> (\"TeamId\" IS NULL)"));
    }
}
