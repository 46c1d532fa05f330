using NodaTime;
using Steward.Core.Common;
using Steward.Core.Records;

namespace Steward.Core.Satisfaction;

/// <summary>When a survey invites people.</summary>
public enum SurveyTrigger
{
    /// <summary>The requester of each record the survey covers, as the record is resolved.</summary>
    RecordResolved,
    /// <summary>Every person of each customer it covers, every <see cref="Survey.EveryMonths"/> months.</summary>
    Periodic,
}

public static class SurveyLimits
{
    public const int MaxCriteria = 200;
    public const int Comment = 4_000;
    public const int MaxExpiresAfterDays = 365;
    public const int MaxEveryNth = 1_000;
    public const int MaxEveryMonths = 24;
}

/// <summary>
/// A customer-satisfaction survey of one provider: who is asked (the requester of a resolved record,
/// or every customer contact every few months), what (a 1–5 rating, always; the 0–10 likelihood to
/// recommend and a comment when the survey asks them) and for how long an invitation stays open.
/// Criteria left empty cover everything. A configuration the record workflow reads: a change moves
/// the <see cref="Persistence.ConfigStamp"/>, so every server's cached list goes stale at once.
/// </summary>
public sealed class Survey : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Name { get; set; }
    public bool IsActive { get; set; } = true;
    public SurveyTrigger Trigger { get; set; }
    /// <summary>RecordResolved: only records of these services.</summary>
    public List<Guid> ServiceIds { get; set; } = [];
    /// <summary>Only these customers (either trigger); empty: every customer of the provider.</summary>
    public List<Guid> CustomerIds { get; set; } = [];
    /// <summary>RecordResolved: only records of these kinds.</summary>
    public List<RecordKind> RecordKinds { get; set; } = [];
    /// <summary>Periodic: the months between two rounds.</summary>
    public int? EveryMonths { get; set; }
    /// <summary>Periodic: the day (UTC) of the first round; later rounds fall on the same day of the month.</summary>
    public LocalDate? StartsOn { get; set; }
    public bool AsksRecommend { get; set; }
    public bool AsksComment { get; set; }
    public int ExpiresAfterDays { get; set; } = 14;
    /// <summary>RecordResolved: invite for every Nth record (1: every record).</summary>
    public int EveryNth { get; set; } = 1;
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    /// <summary>Whether resolving <paramref name="record"/> invites its requester, sampling aside.</summary>
    public bool Covers(WorkRecord record) =>
        IsActive && Trigger is SurveyTrigger.RecordResolved && record.ProviderId == ProviderId
        && (RecordKinds.Count == 0 || RecordKinds.Contains(record.Kind))
        && (ServiceIds.Count == 0 || (record.ServiceId is { } s && ServiceIds.Contains(s)))
        && (CustomerIds.Count == 0 || CustomerIds.Contains(record.CustomerId));

    /// <summary>
    /// The one survey that asks about a resolved record, if any: a requester is asked once per record
    /// however many surveys cover it. The most specific one that covers and samples it (the most of
    /// kinds, services and customers narrowed), the oldest of equals; so a survey for one service
    /// takes that service's records from a provider-wide one, which keeps the rest.
    /// </summary>
    public static Survey? AskingAbout(IEnumerable<Survey> surveys, WorkRecord record) =>
        surveys.Where(s => s.Covers(record) && Samples(s.EveryNth, record.Sequence))
            .OrderByDescending(s => s.Narrowing).ThenBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .FirstOrDefault();

    /// <summary>How many of the record filters are set.</summary>
    int Narrowing => (RecordKinds.Count > 0 ? 1 : 0) + (ServiceIds.Count > 0 ? 1 : 0) + (CustomerIds.Count > 0 ? 1 : 0);

    /// <summary>
    /// Sampling: every Nth record by its number (INC000010, INC000020 … for N = 10). The number is
    /// already counted per kind, so the rule needs no counter of its own, and a record is in or out
    /// of the sample whichever server resolves it and however often.
    /// </summary>
    public static bool Samples(int everyNth, long sequence) => everyNth <= 1 || sequence % everyNth == 0;

    public Duration OpenFor => Duration.FromDays(ExpiresAfterDays);

    /// <summary>Periodic: the day round <paramref name="round"/> (0 first) falls on.</summary>
    public LocalDate RoundDay(int round) => (StartsOn ?? throw new InvalidOperationException("Only a periodic survey has rounds."))
        .PlusMonths(round * (EveryMonths ?? throw new InvalidOperationException("Only a periodic survey has rounds.")));

    /// <summary>Periodic: the latest round due on <paramref name="today"/>; null before the first or for another trigger.</summary>
    public int? DueRound(LocalDate today)
    {
        if (Trigger is not SurveyTrigger.Periodic || StartsOn is not { } start || EveryMonths is not ({ } every and > 0) || today < start) return null;
        var months = Period.Between(start, today, PeriodUnits.Months).Months;
        var round = months / every;
        // PlusMonths clamps the 31st to shorter months: a round may fall a day or two after "months" says.
        while (round > 0 && RoundDay(round) > today) round--;
        return round;
    }
}

/// <summary>One round of a periodic survey, written with its invitations: the row that makes a round happen once, whichever server runs it.</summary>
public sealed class SurveyRound : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid SurveyId { get; init; }
    public Guid ProviderId { get; init; }
    public int Round { get; init; }
    public LocalDate Day { get; init; }
    public int Invitations { get; init; }
    public Instant At { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
