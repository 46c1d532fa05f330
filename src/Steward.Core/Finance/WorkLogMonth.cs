using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Steward.Core.Finance;

/// <summary>
/// The work log summed per provider, person, calendar month and booking (service, customer, kind of
/// sourcing, party): facts only, no money, so that a rate or an exchange rate that changes never
/// makes it stale. The P&amp;L costs a whole month from these rows instead of a month of entries
/// (<see cref="WorkLogRollup"/> keeps them; docs/performance.md, issue 20).
/// </summary>
/// <remarks>
/// Every column of the key is NOT NULL, so that the primary key serves the upserts (a unique index
/// holds any number of rows that differ only by a NULL): an entry without a service or a party is
/// counted under <see cref="Guid.Empty"/>, one without a kind of sourcing under "" (the enum's name
/// otherwise, as the work log stores it). <see cref="WorkLogRollup.Booking"/> reads them back.
/// </remarks>
public sealed class WorkLogMonth
{
    public Guid ProviderId { get; init; }
    /// <summary>The first day of the month.</summary>
    public LocalDate Month { get; init; }
    public Guid PersonId { get; init; }
    /// <summary><see cref="Guid.Empty"/>: the entries were booked to no service.</summary>
    public Guid ServiceId { get; init; }
    public Guid CustomerId { get; init; }
    /// <summary>The name of the <see cref="Sourcing.SourcingKind"/> the entries were booked with; "" for none.</summary>
    public string SourcingKind { get; init; } = "";
    /// <summary><see cref="Guid.Empty"/>: the work was done as no party.</summary>
    public Guid PartyId { get; init; }
    public long Minutes { get; init; }
    public int Entries { get; init; }
}

sealed class WorkLogMonthConfiguration : IEntityTypeConfiguration<WorkLogMonth>
{
    public void Configure(EntityTypeBuilder<WorkLogMonth> e)
    {
        e.ToTable(WorkLogRollup.Table);
        // Provider and month first: the P&L reads one provider's month, joined to the rates by person.
        e.HasKey(m => new { m.ProviderId, m.Month, m.PersonId, m.ServiceId, m.CustomerId, m.SourcingKind, m.PartyId });
        e.Property(m => m.SourcingKind).HasMaxLength(40);
    }
}
