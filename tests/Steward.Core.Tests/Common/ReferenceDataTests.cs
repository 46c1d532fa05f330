using Steward.Core.Common;

namespace Steward.Core.Tests.Common;

public sealed class ReferenceDataTests
{
    [Theory]
    [InlineData("EUR", true)]
    [InlineData("USD", true)]
    [InlineData("INR", true)]
    [InlineData("JPY", true)]
    [InlineData("eur", false)]
    [InlineData("EURO", false)]
    [InlineData("XYZ", false)]
    [InlineData("", false)]
    public void Currency_codes_are_iso_4217(string code, bool known) => Assert.Equal(known, Iso4217.IsKnown(code));

    [Theory]
    [InlineData("Europe/Amsterdam", true)]
    [InlineData("Asia/Kolkata", true)]
    [InlineData("Australia/Lord_Howe", true)]
    [InlineData("Etc/UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("CET ", false)]
    [InlineData("", false)]
    public void Time_zones_are_iana_ids(string id, bool known) => Assert.Equal(known, Locales.IsIanaTimeZone(id));

    [Theory]
    [InlineData("en-GB", true)]
    [InlineData("nl-NL", true)]
    [InlineData("fr", true)]
    [InlineData("xx-YY", false)]
    [InlineData("en_GB", false)]
    [InlineData("", false)]
    public void Locales_are_known_cultures(string name, bool known) => Assert.Equal(known, Locales.IsKnownLocale(name));

    [Fact]
    public void Ids_are_version_7_and_increase_over_time()
    {
        var first = Ids.New();
        Thread.Sleep(2);
        var second = Ids.New();

        Assert.Equal(7, first.Version);
        Assert.True(string.CompareOrdinal(first.ToString(), second.ToString()) < 0);
    }
}
