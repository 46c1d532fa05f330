using System.ComponentModel.DataAnnotations;
using Steward.Core.Common;
using Steward.Core.Parties;

namespace Steward.Server.Ui.Shared;

/// <summary>Field checks of the forms, the same rules the API's request records state.</summary>
public static class Rules
{
    static readonly EmailAddressAttribute EmailAttribute = new();

    public static string? Name(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "A name is required."
        : value.Trim().Length > PartyLimits.Name ? $"At most {PartyLimits.Name} characters."
        : value.Contains('\n', StringComparison.Ordinal) ? "A name is one line."
        : null;

    public static string? Email(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "An email address is required."
        : value.Length > PartyLimits.Email || !EmailAttribute.IsValid(value.Trim()) ? "This is not an email address."
        : null;

    public static string? OptionalEmail(string? value) => string.IsNullOrWhiteSpace(value) ? null : Email(value);

    public static string? Url(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null : "Enter a full address starting with https://.";

    public static string? TimeZone(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Locales.IsIanaTimeZone(value.Trim()) ? null : "Enter an IANA time zone such as Europe/Amsterdam.";

    public static string? Locale(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Locales.IsKnownLocale(value.Trim()) ? null : "Enter a locale such as en-GB or nl-NL.";

    public static string? Currency(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Iso4217.IsKnown(value.Trim().ToUpperInvariant()) ? null : "Enter an ISO 4217 currency code such as EUR.";

    public static string? Level(int value) =>
        value is >= PersonSkill.MinLevel and <= PersonSkill.MaxLevel ? null : $"A level is {PersonSkill.MinLevel} to {PersonSkill.MaxLevel}.";
}
