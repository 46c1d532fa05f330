using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Server.Api;
using Steward.Server.Hosting;

namespace Steward.Server.Records;

/// <summary>What hangs off a record: comments, work log, attachments and links.</summary>
public static class RecordParts
{
    public static void MapRecordParts(this RouteGroupBuilder group, RecordKind kind, string what, string resource)
    {
        group.MapGet("/{id:guid}/comments", (Guid id, StewardDbContext db, CancellationToken ct) => Comments(kind, what, id, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/{id:guid}/comments", (Guid id, CommentBody body, RecordWorkflow flow, StewardDbContext db, CancellationToken ct) => Comment(kind, what, id, body, flow, db, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapGet("/{id:guid}/worklog", (Guid id, StewardDbContext db, CancellationToken ct) => WorkLog(kind, what, id, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/{id:guid}/worklog", (Guid id, WorkLogBody body, RecordWorkflow flow, StewardDbContext db, IClock clock, CancellationToken ct) =>
                LogWork(kind, what, id, body, flow, db, clock, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapGet("/{id:guid}/attachments", (Guid id, StewardDbContext db, CancellationToken ct) => Attachments(kind, what, id, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/{id:guid}/attachments", (Guid id, HttpRequest request, RecordWorkflow flow, StewardDbContext db,
                StewardOptions options, IClock clock, CancellationToken ct) => Attach(kind, what, id, request, flow, db, options, clock, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource).DisableAntiforgery().WithMetadata(new LargeBody(AttachmentRules.RequestLimit));
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", (Guid id, Guid attachmentId, StewardDbContext db, CancellationToken ct) =>
                Download(kind, what, id, attachmentId, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapGet("/{id:guid}/links", (Guid id, StewardDbContext db, CancellationToken ct) => Links(kind, what, id, db, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/{id:guid}/links", (Guid id, LinkBody body, RecordWorkflow flow, StewardDbContext db, IClock clock, CancellationToken ct) =>
                Link(kind, what, id, body, flow, db, clock, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapDelete("/{id:guid}/links/{linkId:guid}", (Guid id, Guid linkId, RecordWorkflow flow, StewardDbContext db, CancellationToken ct) =>
                Unlink(kind, what, id, linkId, flow, db, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
    }

    /// <summary>The API path of a kind's records, where the addresses of their parts begin.</summary>
    public static string Collection(RecordKind kind) => kind is RecordKind.Incident ? "/api/v1/incidents" : "/api/v1/requests";

    static Task<WorkRecord?> FindAsync(StewardDbContext db, RecordKind kind, Guid id, CancellationToken ct, bool tracked = false) =>
        (tracked ? db.WorkRecords : db.WorkRecords.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id && r.Kind == kind, ct);

    static async Task<Results<Ok<IReadOnlyList<CommentView>>, ProblemHttpResult>> Comments(RecordKind kind, string what, Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is null) return Problems.NotFound(what);
        var comments = await db.RecordComments.AsNoTracking().Where(c => c.RecordId == id).OrderBy(c => c.Id).Take(2000).ToListAsync(ct);
        // Authors are named past the people filter (a customer reads who answered it), in a query of
        // their own: IgnoreQueryFilters anywhere in a query lifts the filters of the whole query.
        var authorIds = comments.Select(c => c.AuthorId).OfType<Guid>().Distinct().ToList();
        var authors = await db.People.IgnoreQueryFilters().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return TypedResults.Ok<IReadOnlyList<CommentView>>(comments.Select(c => CommentView.Of(c, c.AuthorId is { } a ? authors.GetValueOrDefault(a) : null)).ToList());
    }

    static async Task<Results<Created<CommentView>, ProblemHttpResult, ValidationProblem>> Comment(
        RecordKind kind, string what, Guid id, CommentBody body, RecordWorkflow flow, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct, tracked: true) is not { } record) return Problems.NotFound(what);
        if (RecordStates.IsFinal(record.State)) return Problems.Conflict($"A {record.State} record takes no more comments.");
        var comment = await flow.CommentAsync(record, body.Body, body.IsPublic, ct);
        await db.SaveChangesAsync(ct);
        var author = await db.People.IgnoreQueryFilters().Where(p => p.Id == comment.AuthorId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return TypedResults.Created($"{Collection(kind)}/{id}/comments/{comment.Id}", CommentView.Of(comment, author));
    }

    static async Task<Results<Ok<IReadOnlyList<WorkLogView>>, ProblemHttpResult>> WorkLog(RecordKind kind, string what, Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is null) return Problems.NotFound(what);
        return TypedResults.Ok<IReadOnlyList<WorkLogView>>(await db.WorkLog.AsNoTracking().Where(w => w.RecordId == id).OrderBy(w => w.Id)
            .Select(WorkLogView.Projection).Take(2000).ToListAsync(ct));
    }

    static async Task<Results<Created<WorkLogView>, ProblemHttpResult, ValidationProblem>> LogWork(
        RecordKind kind, string what, Guid id, WorkLogBody body, RecordWorkflow flow, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is not { } record) return Problems.NotFound(what);
        if (!flow.IsStaff(record)) return Problems.Forbidden("Only the provider's people log work on a record.");
        var personId = body.PersonId ?? db.Actor.PersonId;
        if (personId is not { } person || !await db.People.AnyAsync(p => p.Id == person && p.ArchivedAt == null, ct))
            return Problems.Invalid("personId", "Name the person who did the work (a person in your tenancy).");
        var now = clock.GetCurrentInstant();
        var on = body.On ?? now.InUtc().Date;
        if (on > now.InUtc().Date.PlusDays(1)) return Problems.Invalid("on", "Work cannot be logged for a day still to come.");
        var entry = WorkLogEntry.For(record, person, body.Minutes, on, body.Note, now);
        db.WorkLog.Add(entry);
        await flow.NoteEngagementAsync(record, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Collection(kind)}/{id}/worklog/{entry.Id}",
            new WorkLogView(entry.Id, entry.PersonId, entry.PartyId, entry.Minutes, entry.On, entry.Note, entry.At));
    }

    static async Task<Results<Ok<IReadOnlyList<AttachmentView>>, ProblemHttpResult>> Attachments(RecordKind kind, string what, Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is null) return Problems.NotFound(what);
        return TypedResults.Ok<IReadOnlyList<AttachmentView>>(await db.RecordAttachments.AsNoTracking().Where(a => a.RecordId == id).OrderBy(a => a.Id)
            .Select(AttachmentView.Projection).ToListAsync(ct));
    }

    static async Task<Results<Created<AttachmentView>, ProblemHttpResult, ValidationProblem>> Attach(
        RecordKind kind, string what, Guid id, HttpRequest request, RecordWorkflow flow, StewardDbContext db, StewardOptions options,
        IClock clock, CancellationToken ct)
    {
        // The record first: nobody uploads megabytes to a record they cannot see.
        if (await FindAsync(db, kind, id, ct) is not { } record) return Problems.NotFound(what);
        if (RecordStates.IsFinal(record.State)) return Problems.Conflict($"A {record.State} record takes no more attachments.");
        if (!request.HasFormContentType) return Problems.Invalid("file", "Send the file as multipart/form-data, in a part named 'file'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException bad)
        {
            return Problems.Invalid("file", $"The multipart body is malformed: {bad.Message}");
        }
        if (form.Files.GetFile("file") is not { } file) return Problems.Invalid("file", "Send the file as multipart/form-data, in a part named 'file'.");
        var isPublic = !string.Equals(form["isPublic"].ToString(), "false", StringComparison.OrdinalIgnoreCase);
        if (file.Length > options.MaxAttachmentBytes)
            return Problems.Invalid("file", $"An attachment may be at most {options.MaxAttachmentBytes / (1024 * 1024)} MB.");
        byte[] bytes;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        if (AttachmentRules.Check(file.FileName, file.ContentType, bytes) is { } refused) return Problems.Invalid("file", refused);
        var attachment = new RecordAttachment
        {
            RecordId = id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, FileName = AttachmentRules.SafeName(file.FileName),
            ContentType = AttachmentRules.Normalise(file.ContentType), Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            IsPublic = isPublic || !flow.IsStaff(record), UploadedById = db.Actor.PersonId, At = clock.GetCurrentInstant(),
        };
        db.RecordAttachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Collection(kind)}/{id}/attachments/{attachment.Id}",
            new AttachmentView(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, attachment.IsPublic,
                attachment.UploadedById, attachment.At));
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(RecordKind kind, string what, Guid id, Guid attachmentId, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is null) return Problems.NotFound(what);
        // The attachment's own row carries the query filter (internal files stay internal); its bytes are read only then.
        var attachment = await db.RecordAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.RecordId == id, ct);
        if (attachment is null) return Problems.NotFound("attachment");
        var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Bytes).SingleAsync(ct);
        return TypedResults.File(bytes, attachment.ContentType, attachment.FileName);
    }

    static async Task<Results<Ok<IReadOnlyList<LinkView>>, ProblemHttpResult>> Links(RecordKind kind, string what, Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is null) return Problems.NotFound(what);
        var links = await db.RecordLinks.AsNoTracking().Where(l => l.FromId == id || l.ToId == id).OrderBy(l => l.Id).ToListAsync(ct);
        var otherIds = links.Select(l => l.FromId == id ? l.ToId : l.FromId).Distinct().ToList();
        var others = await db.WorkRecords.AsNoTracking().Where(r => otherIds.Contains(r.Id)).Select(r => new { r.Id, r.Number, r.Title }).ToDictionaryAsync(r => r.Id, ct);
        // A linked record the caller may not see is left out rather than named.
        var views = new List<LinkView>(links.Count);
        foreach (var l in links)
            if (others.TryGetValue(l.FromId == id ? l.ToId : l.FromId, out var other))
                views.Add(new LinkView(l.Id, l.FromId, l.ToId, l.Kind, other.Number, other.Title, l.At));
        return TypedResults.Ok<IReadOnlyList<LinkView>>(views);
    }

    static async Task<Results<Created<LinkView>, ProblemHttpResult, ValidationProblem>> Link(
        RecordKind kind, string what, Guid id, LinkBody body, RecordWorkflow flow, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is not { } record) return Problems.NotFound(what);
        if (!flow.IsStaff(record)) return Problems.Forbidden("Only the provider's people link records.");
        if (body.ToId == id) return Problems.Invalid("toId", "A record cannot be linked to itself.");
        var other = await db.WorkRecords.AsNoTracking().Where(r => r.Id == body.ToId && r.ProviderId == record.ProviderId)
            .Select(r => new { r.Number, r.Title }).SingleOrDefaultAsync(ct);
        if (other is null) return Problems.Invalid("toId", "No record of the same provider with this id exists in your tenancy.");
        if (await db.RecordLinks.AnyAsync(l => (l.FromId == id && l.ToId == body.ToId) || (l.FromId == body.ToId && l.ToId == id), ct))
            return Problems.Conflict("The two records are already linked.");
        var link = new RecordLink { ProviderId = record.ProviderId, FromId = id, ToId = body.ToId, Kind = body.Kind, At = clock.GetCurrentInstant() };
        db.RecordLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Collection(kind)}/{id}/links/{link.Id}",
            new LinkView(link.Id, link.FromId, link.ToId, link.Kind, other.Number, other.Title, link.At));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Unlink(RecordKind kind, string what, Guid id, Guid linkId, RecordWorkflow flow, StewardDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, kind, id, ct) is not { } record) return Problems.NotFound(what);
        if (!flow.IsStaff(record)) return Problems.Forbidden("Only the provider's people unlink records.");
        var link = await db.RecordLinks.SingleOrDefaultAsync(l => l.Id == linkId && (l.FromId == id || l.ToId == id), ct);
        if (link is null) return Problems.NotFound("link");
        db.RecordLinks.Remove(link);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
