using System.IO.Compression;
using System.Text.Json;

namespace Steward.Server.Tests.Upgrades;

/// <summary>One answer a release gave: its status and ETag, and its JSON body or, for a file, its type, length and SHA-256.</summary>
public sealed record RecordedAnswer(string Url, int Status, string? ETag, JsonElement? Body, string? ContentType, long? Length, string? Sha256);

/// <summary>What a release's fixture says about one of its databases.</summary>
public sealed record RecordedAnswers(string AdminToken, string SignInEmail, string SignInPassword, IReadOnlyList<RecordedAnswer> Answers);

/// <summary>
/// A release's fixture: a folder of Upgrades/Releases (copied to the test output), made by
/// tools/Steward.ReleaseFixture with the server of that release. It holds the release's SQLite
/// database (steward.db.gz), its PostgreSQL database as SQL (postgres.sql.gz), and per database the
/// answers the release gave (responses.{sqlite,postgres}.json.gz). Each later release adds a folder.
/// </summary>
public sealed class ReleaseFixture
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Upgrades", "Releases");

    /// <summary>Every release's folder name, oldest first (the names begin with the release's date).</summary>
    public static IReadOnlyList<string> Names =>
        Directory.Exists(Root) ? [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)] : [];

    ReleaseFixture(string name) => Folder = Path.Combine(Root, name);

    public string Folder { get; }

    public static ReleaseFixture Open(string name) => new(name);

    /// <summary>Writes the release's SQLite database, decompressed, as <paramref name="path"/>.</summary>
    public async Task WriteSqliteDatabaseAsync(string path)
    {
        await using var input = File.OpenRead(Path.Combine(Folder, "steward.db.gz"));
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        await using var output = File.Create(path);
        await gzip.CopyToAsync(output);
    }

    /// <summary>The release's PostgreSQL database as one SQL script (pg_dump's plain format, without owners or grants).</summary>
    public async Task<string> PostgresScriptAsync()
    {
        await using var input = File.OpenRead(Path.Combine(Folder, "postgres.sql.gz"));
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The answers the release gave on <paramref name="database"/> (sqlite or postgres).</summary>
    public async Task<RecordedAnswers> AnswersAsync(string database)
    {
        await using var input = File.OpenRead(Path.Combine(Folder, $"responses.{database}.json.gz"));
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var document = await JsonDocument.ParseAsync(gzip);
        var root = document.RootElement;
        var answers = root.GetProperty("responses").EnumerateArray().Select(a => new RecordedAnswer(
            a.GetProperty("url").GetString()!,
            a.GetProperty("status").GetInt32(),
            a.TryGetProperty("etag", out var etag) && etag.ValueKind == JsonValueKind.String ? etag.GetString() : null,
            a.TryGetProperty("body", out var body) ? body.Clone() : null,
            a.TryGetProperty("contentType", out var type) ? type.GetString() : null,
            a.TryGetProperty("length", out var length) ? length.GetInt64() : null,
            a.TryGetProperty("sha256", out var sha) ? sha.GetString() : null)).ToList();
        var signIn = root.GetProperty("signIn");
        return new RecordedAnswers(root.GetProperty("adminToken").GetString()!, signIn.GetProperty("email").GetString()!,
            signIn.GetProperty("password").GetString()!, answers);
    }
}
