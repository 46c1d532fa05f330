using System.Text;

namespace Steward.Server.Records;

/// <summary>Marks an endpoint that accepts a body larger than the server's usual limit (an upload).</summary>
public sealed record LargeBody(long MaxBytes);

/// <summary>
/// What may be attached to a record: documents, images, text, logs and archives, whose first bytes
/// agree with the type they claim. Executables, HTML and SVG (script carriers) are refused, and a
/// file claiming to be a PDF or PNG must start like one, so nothing is served under a false type.
/// </summary>
public static class AttachmentRules
{
    /// <summary>The request limit of an upload: the attachment limit's default plus the multipart envelope.</summary>
    public const long RequestLimit = 26L * 1024 * 1024;

    enum Sniff { Text, Pdf, Png, Jpeg, Gif, Webp, Zip, Ole }

    static readonly Dictionary<string, Sniff> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = Sniff.Text,
        ["text/csv"] = Sniff.Text,
        ["text/markdown"] = Sniff.Text,
        ["application/json"] = Sniff.Text,
        ["application/xml"] = Sniff.Text,
        ["text/xml"] = Sniff.Text,
        ["message/rfc822"] = Sniff.Text,
        ["application/pdf"] = Sniff.Pdf,
        ["image/png"] = Sniff.Png,
        ["image/jpeg"] = Sniff.Jpeg,
        ["image/gif"] = Sniff.Gif,
        ["image/webp"] = Sniff.Webp,
        ["application/zip"] = Sniff.Zip,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = Sniff.Zip,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = Sniff.Zip,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = Sniff.Zip,
        ["application/vnd.oasis.opendocument.text"] = Sniff.Zip,
        ["application/vnd.oasis.opendocument.spreadsheet"] = Sniff.Zip,
        ["application/msword"] = Sniff.Ole,
        ["application/vnd.ms-excel"] = Sniff.Ole,
        ["application/vnd.ms-outlook"] = Sniff.Ole,
    };

    public static string Normalise(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Why the file is refused; null when it may be stored.</summary>
    public static string? Check(string? fileName, string? contentType, ReadOnlySpan<byte> bytes)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return "The file needs a name.";
        if (bytes.Length == 0) return "The file is empty.";
        var type = Normalise(contentType);
        if (!Allowed.TryGetValue(type, out var sniff))
            return $"Files of type '{(type.Length > 60 ? type[..60] : type)}' are not accepted; attach documents (PDF, Office), images (PNG, JPEG, GIF, WebP), text, CSV, JSON, XML, e-mail or ZIP.";
        var agrees = sniff switch
        {
            Sniff.Text => IsText(bytes),
            Sniff.Pdf => bytes.StartsWith("%PDF-"u8),
            Sniff.Png => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            Sniff.Jpeg => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            Sniff.Gif => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8),
            Sniff.Webp => bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
            Sniff.Zip => bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]),
            Sniff.Ole => bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            _ => false,
        };
        return agrees ? null : $"The file's content is not {type}: its first bytes say otherwise.";
    }

    /// <summary>UTF-8 (or ASCII) without NUL and with no more control characters than line breaks and tabs.</summary>
    static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return false;
        foreach (var b in bytes)
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) return false;
        return true;
    }

    /// <summary>The name without any path, control characters or quotes, at most 255 characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
            if (!char.IsControl(c) && c is not ('"' or '/')) clean.Append(c);
        var result = clean.ToString().Trim();
        if (result.Length == 0) result = "attachment";
        return result.Length > Core.Records.RecordLimits.FileName ? result[..Core.Records.RecordLimits.FileName] : result;
    }
}
