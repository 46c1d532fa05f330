using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NodaTime;
using Steward.Core.Common;
using Steward.Core.Identity;

namespace Steward.Core.Audit;

/// <summary>
/// Runs at the start of every SaveChanges of <see cref="StewardDbContext"/>, before the rows are
/// written: refuses writes outside the actor's tenancy, bumps row versions, and adds one journal
/// entry per changed entity so that the change and its record commit or roll back together. It runs
/// before the SQLite write gate is entered, so this CPU work happens in parallel across requests.
/// </summary>
public static class AuditJournal
{
    /// <summary>Annotation on properties never copied into the journal (secrets, hashes, stamps).</summary>
    public const string NotJournaled = "Steward:NotJournaled";

    public static void Record(StewardDbContext db)
    {
        var actor = db.Actor;
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            // The journal itself and the data-protection key ring are infrastructure, not records.
            .Where(e => e.Entity is not (AuditEntry or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))
            .ToList();
        if (entries.Count == 0) return;

        TenancyGuard.Check(actor, entries);

        var now = db.Clock.GetCurrentInstant();
        foreach (var entry in entries)
        {
            // Through EF, not the entity's setter: the save detects no changes after this point.
            if (entry.State is EntityState.Modified && entry.Entity is IVersioned)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }

            if (Describe(db, entry) is not { } subject) continue;
            var changes = ChangesOf(entry);
            if (changes is null) continue;
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                EntityType = subject.Type,
                EntityId = subject.Id,
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                ActorPersonId = actor.PersonId,
                ActorTokenId = actor.TokenId,
                OrganizationId = subject.Tenant,
                Changes = changes,
            });
        }
    }

    readonly record struct Subject(string Type, Guid Id, Guid? Tenant);

    static Subject? Describe(StewardDbContext db, EntityEntry entry) => entry.Entity switch
    {
        IEntity e => new(entry.Metadata.ClrType.Name, e.Id, (e as ITenantScoped)?.OrganizationId),
        Account a => new(nameof(Account), a.Id, a.OrganizationId),
        // Role grants are journaled against the account that received them.
        IdentityUserRole<Guid> r => new("AccountRole", r.UserId,
            db.Set<Account>().Local.FirstOrDefault(a => a.Id == r.UserId)?.OrganizationId),
        _ => null,
    };

    /// <summary>A JSON object of the changed fields; null when nothing worth journaling changed.</summary>
    static string? ChangesOf(EntityEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var any = false;
            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                if (meta.FindAnnotation(NotJournaled) is not null) continue;
                var name = JsonNames.GetOrAdd(meta.Name, JsonNamingPolicy.CamelCase.ConvertName);
                switch (entry.State)
                {
                    case EntityState.Added:
                        json.WritePropertyName(name);
                        WriteChange(json, null, false, property.CurrentValue, true);
                        any = true;
                        break;
                    case EntityState.Deleted:
                        json.WritePropertyName(name);
                        WriteChange(json, property.OriginalValue, true, null, false);
                        any = true;
                        break;
                    default:
                        if (!property.IsModified || meta.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue)) continue;
                        if (meta.Name == nameof(IVersioned.Version)) continue;
                        json.WritePropertyName(name);
                        WriteChange(json, property.OriginalValue, true, property.CurrentValue, true);
                        any = true;
                        break;
                }
            }
            json.WriteEndObject();
            if (!any) return null;
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static void WriteChange(Utf8JsonWriter json, object? before, bool hasBefore, object? after, bool hasAfter)
    {
        json.WriteStartObject();
        if (hasBefore) { json.WritePropertyName("before"); WriteValue(json, before); }
        if (hasAfter) { json.WritePropertyName("after"); WriteValue(json, after); }
        json.WriteEndObject();
    }

    static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal d: json.WriteNumberValue(d); break;
            case double d: json.WriteNumberValue(d); break;
            case Guid g: json.WriteStringValue(g); break;
            case Instant i: json.WriteStringValue(InstantPattern.Format(i)); break;
            case LocalDate d: json.WriteStringValue(d.ToString("yyyy-MM-dd", null)); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            case byte[]: json.WriteStringValue("(binary)"); break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) WriteValue(json, item);
                json.WriteEndArray();
                break;
            // Value objects stored as JSON (service-level targets, tailored activities) read as they are stored.
            case not IConvertible: JsonSerializer.Serialize(json, value, value.GetType(), Persistence.JsonColumn.Options); break;
            default: json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> JsonNames = new(StringComparer.Ordinal);

    static readonly NodaTime.Text.InstantPattern InstantPattern = NodaTime.Text.InstantPattern.ExtendedIso;
}
