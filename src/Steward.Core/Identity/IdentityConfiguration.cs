using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Audit;
using Steward.Core.Parties;

namespace Steward.Core.Identity;

sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.ToTable("Accounts");
        // An account is a person's sign-in and shares the person's id.
        e.HasOne<Person>().WithOne().HasForeignKey<Account>(a => a.Id).OnDelete(DeleteBehavior.Restrict);
        e.Property(a => a.PasswordHash).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(a => a.SecurityStamp).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(a => a.ConcurrencyStamp).HasAnnotation(AuditJournal.NotJournaled, true);
        e.HasIndex(a => a.OrganizationId);
    }
}

sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> e) => e.ToTable("Roles");
}

sealed class AccountRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> e) => e.ToTable("AccountRoles");
}

sealed class AccountClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> e) => e.ToTable("AccountClaims");
}

sealed class AccountLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> e) => e.ToTable("AccountLogins");
}

sealed class AccountTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> e) => e.ToTable("AccountTokens");
}

sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> e) => e.ToTable("RoleClaims");
}

sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(PartyLimits.Name);
        e.Property(t => t.Hint).HasMaxLength(16);
        e.Property(t => t.Hash).HasMaxLength(32).HasAnnotation(AuditJournal.NotJournaled, true);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasIndex(t => t.PersonId);
    }
}
