using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NodaTime;
using Steward.Core;
using Steward.Core.Sourcing;
using Steward.Server.Records;

namespace Steward.Server.Sourcing;

/// <summary>
/// The kind of sourcing of a customer's relationship for a service, as the sourcing profile derives
/// it on a day: what records, work logs and satisfaction answers are stamped with when they happen.
/// </summary>
/// <remarks>
/// Derived once per service, customer and day for each configuration: the memo lives with the
/// provider's <see cref="DeskSnapshot"/>, which is rebuilt whenever any server changes sourcing,
/// subscriptions or agreements (they move the configuration stamp). So logging records costs one
/// derivation per relationship and configuration, not one per record.
/// </remarks>
public static class KindOfRelationship
{
    static readonly ConditionalWeakTable<DeskSnapshot, ConcurrentDictionary<(Guid Service, Guid Customer, LocalDate Day), SourcingKind?>> BySnapshot = new();

    public static async Task<SourcingKind?> OfAsync(StewardDbContext db, DeskSnapshot desk, Guid serviceId, Guid customerId, Instant now, CancellationToken ct)
    {
        var known = BySnapshot.GetValue(desk, _ => new());
        var today = now.InUtc().Date;
        if (known.TryGetValue((serviceId, customerId, today), out var kind)) return kind;
        var model = await SourcingLoader.LoadAsync(db, desk.ProviderId, customerId, today, ct);
        kind = Derive(model, serviceId, customerId);
        known[(serviceId, customerId, today)] = kind;
        return kind;
    }

    public static SourcingKind? Derive(SourcingModel model, Guid serviceId, Guid customerId)
    {
        if (model.Services.All(s => s.Id != serviceId)) return null;
        try
        {
            return model.Derive(serviceId, customerId).Kind;
        }
        catch (KeyNotFoundException)
        {
            // The facts name a party the model was not given (an archived team): the kind stays unknown rather than fail the change.
            return null;
        }
    }
}
