using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;

namespace Steward.Core.Processes;

sealed class TailoredProcessConfiguration : IEntityTypeConfiguration<TailoredProcess>
{
    public void Configure(EntityTypeBuilder<TailoredProcess> e)
    {
        e.Property(p => p.Key).HasMaxLength(PortfolioLimits.ProcessKey);
        e.Property(p => p.Name).HasMaxLength(PartyLimits.Name);
        e.Property(p => p.Description).HasMaxLength(PartyLimits.Text);
        e.Property(p => p.BasedOnVersion).HasMaxLength(20);
        e.Property(p => p.Activities).HasJsonConversion();
        e.Property(p => p.Kpis).HasJsonConversion();
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.ProviderId, p.Key }).IsUnique();
    }
}
