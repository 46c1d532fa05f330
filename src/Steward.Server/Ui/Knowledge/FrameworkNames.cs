using Steward.Core.Knowledge;

namespace Steward.Server.Ui.Knowledge;

/// <summary>The frameworks as people name them; the keys stay the API's.</summary>
public static class FrameworkNames
{
    public static string Of(string key) => key switch
    {
        Frameworks.ItilV3 => "ITIL v3",
        Frameworks.Itil4 => "ITIL 4",
        Frameworks.Iso20000 => "ISO/IEC 20000-1",
        _ => key,
    };

    /// <summary>"ISO/IEC 20000-1 clause 8.2.3", "ITIL 4 knowledge-management".</summary>
    public static string Reference(string framework, string clause) =>
        framework == Frameworks.Iso20000 ? $"{Of(framework)} clause {clause}" : $"{Of(framework)} {clause}";
}
