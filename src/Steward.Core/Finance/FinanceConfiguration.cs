using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Core.Finance;

public static class FinanceLimits
{
    public const int Category = 100;
    public const int Objective = 2000;
    public const int MaxTargetCustomers = 200;
    public const int MaxServices = 200;
    public const int MaxCommunities = 50;
    /// <summary>Amounts up to a trillion in either direction: numeric(18,4) holds them with their four decimals.</summary>
    public const double MaxAmount = 1e12;
}

sealed class FinanceSettingConfiguration : IEntityTypeConfiguration<FinanceSetting>
{
    public void Configure(EntityTypeBuilder<FinanceSetting> e)
    {
        e.Property(s => s.ReportingCurrency).HasMaxLength(3);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => s.ProviderId).IsUnique();
    }
}

sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> e)
    {
        e.Property(r => r.From).HasMaxLength(3);
        e.Property(r => r.To).HasMaxLength(3);
        e.Property(r => r.Rate).HasPrecision(18, 8);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        // One rate per pair and day; the P&L reads a provider's rates whole.
        e.HasIndex(r => new { r.ProviderId, r.From, r.To, r.On }).IsUnique();
    }
}

sealed class CostEntryConfiguration : IEntityTypeConfiguration<CostEntry>
{
    public void Configure(EntityTypeBuilder<CostEntry> e)
    {
        e.Property(c => c.Currency).HasMaxLength(3);
        e.Property(c => c.Amount).HasPrecision(18, 4);
        e.Property(c => c.Category).HasMaxLength(FinanceLimits.Category);
        e.Property(c => c.Note).HasMaxLength(PartyLimits.Text);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ProfessionalPractice>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Restrict);
        // The P&L reads a provider's costs of a period.
        e.HasIndex(c => new { c.ProviderId, c.On });
        e.HasIndex(c => c.ServiceId);
        e.HasIndex(c => c.CustomerId);
        e.HasIndex(c => c.PracticeId);
    }
}

sealed class SupplierChargeConfiguration : IEntityTypeConfiguration<SupplierCharge>
{
    public void Configure(EntityTypeBuilder<SupplierCharge> e)
    {
        e.Property(c => c.Currency).HasMaxLength(3);
        e.Property(c => c.Amount).HasPrecision(18, 4);
        e.Property(c => c.Note).HasMaxLength(PartyLimits.Text);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AgreementRecord>().WithMany().HasForeignKey(c => c.AgreementId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => c.ProviderId);
        e.HasIndex(c => c.AgreementId);
        e.HasIndex(c => c.CustomerId);
    }
}

sealed class ProfessionalPracticeConfiguration : IEntityTypeConfiguration<ProfessionalPractice>
{
    public void Configure(EntityTypeBuilder<ProfessionalPractice> e)
    {
        e.Property(p => p.Name).HasMaxLength(PartyLimits.Name);
        e.Property(p => p.NameKey).HasMaxLength(PartyLimits.Name).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(p => p.Objective).HasMaxLength(FinanceLimits.Objective);
        e.Property(p => p.TargetCustomerIds).HasReadableJsonConversion();
        e.Property(p => p.CommunityIds).HasReadableJsonConversion();
        e.Property(p => p.YearlyBudget).HasPrecision(18, 4);
        e.Property(p => p.BudgetCurrency).HasMaxLength(3);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(p => p.ChampionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.ProviderId, p.NameKey }).IsUnique();
        e.HasIndex(p => new { p.Name, p.Id });
        e.HasIndex(p => p.ChampionId);
    }
}

sealed class PracticeServiceConfiguration : IEntityTypeConfiguration<PracticeService>
{
    public void Configure(EntityTypeBuilder<PracticeService> e)
    {
        e.HasOne<ProfessionalPractice>().WithMany().HasForeignKey(s => s.PracticeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        // One practice per service, held by the database against concurrent saves.
        e.HasIndex(s => s.ServiceId).IsUnique();
        e.HasIndex(s => s.PracticeId);
        e.HasIndex(s => s.ProviderId);
    }
}
