using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Steward.Core.Persistence;
using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Finance;

/// <summary>
/// Keeps <see cref="WorkLogMonth"/> equal to the work log summed per month and booking, in the
/// transaction of every change of the work log (StewardDbContext's saves call <see cref="Of"/>), and
/// rebuilds it from the work log (<see cref="RebuildAsync"/>).
/// </summary>
/// <remarks>
/// <para>
/// What changes the work log: an entry is added (logging work, the demo's replay), or booked again
/// when its record's service changes (<see cref="WorkLogEntry.Rebook"/>: service and kind of
/// sourcing). Entries are never edited otherwise nor deleted, and records are never deleted, so no
/// database cascade removes entries behind the change tracker's back; an entry deleted through the
/// tracker is taken out all the same. Anything that writes the work log past the context (the
/// benchmark's bulk copy, a restore of an older backup) must call the rebuild afterwards.
/// </para>
/// <para>
/// Each change is summed by the database from the entries themselves, with the same expressions as
/// the rebuild, so the two cannot disagree on a month or a key: the entries leaving a booking are
/// subtracted before the save (the rows still hold the old booking), those arriving added after it,
/// and both are atomic upserts (INSERT … ON CONFLICT DO UPDATE adding to the stored sums), never a
/// read of the row followed by a write: two servers logging work on the same month and booking at
/// once both count. A booking left with no entries is deleted, so the table is exactly the GROUP BY.
/// </para>
/// </remarks>
public static class WorkLogRollup
{
    public const string Table = "WorkLogMonths";

    const string KeyColumns = "\"ProviderId\", \"Month\", \"PersonId\", \"ServiceId\", \"CustomerId\", \"SourcingKind\", \"PartyId\"";
    const string NoId = "00000000-0000-0000-0000-000000000000";

    /// <summary>An entry's key in the rollup, over the work log aliased w: the month's first day, and the stand-ins for "none".</summary>
    static string KeyOf(DatabaseProvider provider) => provider is DatabaseProvider.Postgres
        ? $"""w."ProviderId", date_trunc('month', w."On"::timestamp)::date, w."PersonId", coalesce(w."ServiceId", '{NoId}'::uuid), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '{NoId}'::uuid)"""
        // SQLite stores a LocalDate as ISO text (yyyy-MM-dd) and a Guid as upper-case text (the zeros have no case).
        : $"""w."ProviderId", substr(w."On", 1, 7) || '-01', w."PersonId", coalesce(w."ServiceId", '{NoId}'), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '{NoId}')""";

    static string Sums(DatabaseProvider provider, string sign) =>
        $"""{sign}sum(w."Minutes"), {sign}count(*){(provider is DatabaseProvider.Postgres ? "::int" : "")}""";

    /// <summary>
    /// The work log's sums of the entries <paramref name="where"/> selects (over w), added to the
    /// rollup's (or subtracted with sign "-"). In key order, so that two saves upserting the same
    /// bookings on PostgreSQL lock their rows in the same order rather than wait for each other.
    /// </summary>
    static string Upsert(DatabaseProvider provider, string where, string sign) => $"""
        INSERT INTO "{Table}" ({KeyColumns}, "Minutes", "Entries")
        SELECT {KeyOf(provider)}, {Sums(provider, sign)} FROM "WorkLog" w WHERE {where} GROUP BY {KeyOf(provider)} ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT ({KeyColumns}) DO UPDATE SET "Minutes" = "{Table}"."Minutes" + excluded."Minutes", "Entries" = "{Table}"."Entries" + excluded."Entries"
        """;

    /// <summary>Deletes the bookings of the entries <paramref name="where"/> selects that are left with none.</summary>
    static string DeleteEmptied(DatabaseProvider provider, string where) => $"""
        DELETE FROM "{Table}" WHERE "Entries" = 0 AND ({KeyColumns}) IN (SELECT {KeyOf(provider)} FROM "WorkLog" w WHERE {where})
        """;

    /// <summary>
    /// The statements that rebuild the rollup from the work log, of every provider (the migration's
    /// backfill, the benchmark's seeding, the operators' command) or of the one whose id is the
    /// parameter {0}, to run in one transaction; beside other writers, after <see cref="LockForRebuild"/>.
    /// </summary>
    public static IReadOnlyList<string> RebuildStatements(DatabaseProvider provider, bool oneProvider) =>
    [
        $"""DELETE FROM "{Table}"{(oneProvider ? """ WHERE "ProviderId" = {0}""" : "")}""",
        $"""
        INSERT INTO "{Table}" ({KeyColumns}, "Minutes", "Entries")
        SELECT {KeyOf(provider)}, {Sums(provider, "")} FROM "WorkLog" w{(oneProvider ? """ WHERE w."ProviderId" = {0}""" : "")} GROUP BY {KeyOf(provider)}
        """,
    ];

    /// <summary>
    /// Where other writers may log work during a rebuild: on PostgreSQL, the first statement of its
    /// transaction locks the rollup against them (readers pass), so that an entry logged meanwhile
    /// is counted once, by the rebuild or by its own upsert after it. SQLite has one writer at a time.
    /// </summary>
    public static string? LockForRebuild(DatabaseProvider provider) =>
        provider is DatabaseProvider.Postgres ? $"""LOCK TABLE "{Table}" IN EXCLUSIVE MODE""" : null;

    /// <summary>Rebuilds the rollup of one provider, or of all, in one transaction beside the server's other writers.</summary>
    public static Task RebuildAsync(StewardDbContext db, Guid? providerId, CancellationToken ct) =>
        db.InWriteTransactionAsync(async c =>
        {
            if (LockForRebuild(db.Provider) is { } lockTable) await db.Database.ExecuteSqlRawAsync(lockTable, c);
            object[] parameters = providerId is { } id ? [id] : [];
            foreach (var statement in RebuildStatements(db.Provider, providerId is not null))
                await db.Database.ExecuteSqlRawAsync(statement, parameters, c);
            return true;
        }, ct);

    /// <summary>A booking read back from the rollup's stand-ins: no service, no kind of sourcing, no party.</summary>
    public static (Guid? ServiceId, SourcingKind? Kind) Booking(Guid serviceId, string kind) =>
        (serviceId == Guid.Empty ? null : serviceId, kind.Length == 0 ? null : Enum.Parse<SourcingKind>(kind));

    /// <summary>The rollup's share of a save, or null when the save leaves the work log's sums as they are.</summary>
    public static Changes? Of(DbContext db)
    {
        List<Guid>? leaving = null, arriving = null;
        foreach (var entry in db.ChangeTracker.Entries<WorkLogEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    (arriving ??= []).Add(entry.Entity.Id);
                    break;
                case EntityState.Deleted:
                    (leaving ??= []).Add(entry.Entity.Id);
                    break;
                case EntityState.Modified when entry.Properties.Any(p => p.IsModified && RolledUp.Contains(p.Metadata.Name)):
                    (leaving ??= []).Add(entry.Entity.Id);
                    (arriving ??= []).Add(entry.Entity.Id);
                    break;
            }
        }
        return leaving is null && arriving is null ? null : new Changes(leaving ?? [], arriving ?? []);
    }

    /// <summary>The columns of an entry the rollup sums or keys by (only the booking changes today, see the remarks).</summary>
    static readonly HashSet<string> RolledUp =
    [
        nameof(WorkLogEntry.ProviderId), nameof(WorkLogEntry.On), nameof(WorkLogEntry.PersonId), nameof(WorkLogEntry.ServiceId), nameof(WorkLogEntry.CustomerId),
        nameof(WorkLogEntry.SourcingKind), nameof(WorkLogEntry.PartyId), nameof(WorkLogEntry.Minutes),
    ];

    /// <summary>The entries a save takes out of their bookings (deleted, or booked again) and puts into their bookings (added, or booked again).</summary>
    public sealed class Changes(IReadOnlyList<Guid> leaving, IReadOnlyList<Guid> arriving)
    {
        /// <summary>Inside the save's transaction, before the save: the leaving entries still hold their old booking.</summary>
        public async Task BeforeSaveAsync(StewardDbContext db, CancellationToken ct)
        {
            foreach (var (where, ids) in Chunks(leaving))
            {
                await db.Database.ExecuteSqlRawAsync(Upsert(db.Provider, where, "-"), ids, ct);
                await db.Database.ExecuteSqlRawAsync(DeleteEmptied(db.Provider, where), ids, ct);
            }
        }

        /// <summary>Inside the save's transaction, after the save: the arriving entries hold their new booking.</summary>
        public async Task AfterSaveAsync(StewardDbContext db, CancellationToken ct)
        {
            foreach (var (where, ids) in Chunks(arriving))
                await db.Database.ExecuteSqlRawAsync(Upsert(db.Provider, where, ""), ids, ct);
        }

        public void BeforeSave(StewardDbContext db)
        {
            foreach (var (where, ids) in Chunks(leaving))
            {
                db.Database.ExecuteSqlRaw(Upsert(db.Provider, where, "-"), ids);
                db.Database.ExecuteSqlRaw(DeleteEmptied(db.Provider, where), ids);
            }
        }

        public void AfterSave(StewardDbContext db)
        {
            foreach (var (where, ids) in Chunks(arriving))
                db.Database.ExecuteSqlRaw(Upsert(db.Provider, where, ""), ids);
        }

        /// <summary>The entries by id, a few hundred parameters a statement (SQLite allows 32,766; rebooking a record moves its entries, usually a handful).</summary>
        static IEnumerable<(string Where, object[] Ids)> Chunks(IReadOnlyList<Guid> ids) =>
            ids.Chunk(500).Select(chunk => ($"""w."Id" IN ({string.Join(", ", chunk.Select((_, i) => $"{{{i}}}"))})""", chunk.Cast<object>().ToArray()));
    }
}
