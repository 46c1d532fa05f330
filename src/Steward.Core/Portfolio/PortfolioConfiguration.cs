using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;

namespace Steward.Core.Portfolio;

public static class PortfolioLimits
{
    public const int Outcome = 500;
    public const int MaxOutcomes = 50;
    public const int MaxTargets = 50;
    public const int ProcessKey = 100;
    public const int ActivityKey = 201;
}

sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> e)
    {
        e.Property(s => s.Name).HasMaxLength(PartyLimits.Name);
        e.Property(s => s.NameKey).HasMaxLength(PartyLimits.Name).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(s => s.Description).HasMaxLength(PartyLimits.Text);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.ProviderId, s.NameKey }).IsUnique();
        // The catalogue lists a provider's services by name, paged by (name, id).
        e.HasIndex(s => new { s.ProviderId, s.Name, s.Id });
        e.HasIndex(s => new { s.Name, s.Id });
    }
}

sealed class ServiceDependencyConfiguration : IEntityTypeConfiguration<ServiceDependency>
{
    public void Configure(EntityTypeBuilder<ServiceDependency> e)
    {
        e.HasOne<Service>().WithMany(s => s.Dependencies).HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(d => d.SupportingServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.ServiceId, d.SupportingServiceId }).IsUnique();
        e.HasIndex(d => d.SupportingServiceId);
        e.HasIndex(d => d.ProviderId);
    }
}

sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public void Configure(EntityTypeBuilder<Offering> e)
    {
        e.Property(o => o.Name).HasMaxLength(PartyLimits.Name);
        e.Property(o => o.Description).HasMaxLength(PartyLimits.Text);
        e.Property(o => o.Targets).HasJsonConversion();
        e.Property(o => o.Version).IsConcurrencyToken();
        e.HasOne<Service>().WithMany().HasForeignKey(o => o.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => new { o.ServiceId, o.Name }).IsUnique();
        e.HasIndex(o => o.ProviderId);
    }
}

sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> e)
    {
        e.Property(s => s.ChargeCurrency).HasMaxLength(3);
        e.Property(s => s.ChargeAmount).HasPrecision(18, 4);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Offering>().WithMany().HasForeignKey(s => s.OfferingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // Profiles load a provider's subscriptions, or one customer's; services list their subscribers.
        e.HasIndex(s => new { s.ProviderId, s.CustomerId });
        e.HasIndex(s => new { s.CustomerId, s.ServiceId });
        e.HasIndex(s => new { s.ServiceId, s.CustomerId });
        e.HasIndex(s => s.OfferingId);
    }
}
