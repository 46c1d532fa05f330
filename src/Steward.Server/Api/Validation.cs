using System.ComponentModel.DataAnnotations;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>Text shown on one line (names, titles): no control characters, not blank.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    public SingleLineAttribute() : base("{0} must be one line of text without control characters.") { }

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string s => !string.IsNullOrWhiteSpace(s) && !s.Any(char.IsControl),
        _ => false,
    };
}

/// <summary>Free text (descriptions): line breaks and tabs, but no other control characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute() : base("{0} must not contain control characters other than line breaks and tabs.") { }

    public override bool IsValid(object? value) =>
        value is not string s || !s.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    public TimeZoneIdAttribute() : base("{0} must be an IANA time-zone id such as Europe/Amsterdam.") { }

    public override bool IsValid(object? value) => value is null || (value is string s && Locales.IsIanaTimeZone(s));
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LocaleAttribute : ValidationAttribute
{
    public LocaleAttribute() : base("{0} must be a locale such as en-GB or nl-NL.") { }

    public override bool IsValid(object? value) => value is null || (value is string s && Locales.IsKnownLocale(s));
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CurrencyCodeAttribute : ValidationAttribute
{
    public CurrencyCodeAttribute() : base("{0} must be an ISO 4217 currency code such as EUR or USD.") { }

    public override bool IsValid(object? value) => value is null || (value is string s && Iso4217.IsKnown(s));
}
