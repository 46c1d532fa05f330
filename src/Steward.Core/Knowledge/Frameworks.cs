using System.Text.RegularExpressions;
using Steward.Core.Common;
using Steward.Core.Processes;

namespace Steward.Core.Knowledge;

/// <summary>A place in a body of knowledge that an Interpretation reads: <c>iso-20000-1</c> clause <c>8.2.3</c>.</summary>
public sealed record FrameworkReference(string Framework, string Clause);

/// <summary>
/// The frameworks of the process library, by the keys communities and interpretations name them
/// with, and what a reference into each may point at: an ITIL v3 process (or one of its
/// activities) of the provider's library, an ITIL 4 practice, or a clause of ISO/IEC 20000-1:2018.
/// </summary>
public static partial class Frameworks
{
    public const string ItilV3 = "itil-v3";
    public const string Itil4 = "itil-4";
    public const string Iso20000 = "iso-20000-1";

    public static readonly IReadOnlyList<string> All = [ItilV3, Itil4, Iso20000];

    public static bool IsKnown(string key) => All.Contains(key, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:[4-9]|10)(?:\.[1-9][0-9]?){0,3}$")]
    private static partial Regex ClauseNumber();

    /// <summary>
    /// Checks a reference against the library where it can: ITIL v3 against the provider's
    /// processes, ITIL 4 against the practices, ISO/IEC 20000-1 clause 8 against the clauses the
    /// library maps (a sub-clause of one of them, such as 8.3.1, is accepted); the library holds no
    /// other clauses, so 4 to 7, 9 and 10 are checked for their form only.
    /// </summary>
    public static RuleViolation? Check(FrameworkReference reference, ProcessCatalog library)
    {
        var clause = reference.Clause;
        switch (reference.Framework)
        {
            case ItilV3:
                if (library.Find(clause) is not null || library.FindActivity(clause) is not null) return null;
                return new($"'{clause}' is no process or activity of the provider's ITIL v3 library (see /api/v1/processes); name one by its key, such as incident-management.", "clause");
            case Itil4:
                if (BuiltInLibrary.Practices.Any(p => p.Key == clause)) return null;
                return new($"'{clause}' is no ITIL 4 practice; name one by its key, such as knowledge-management (see /api/v1/processes/frameworks).", "clause");
            case Iso20000:
                if (!ClauseNumber().IsMatch(clause))
                    return new($"'{clause}' is no clause number of ISO/IEC 20000-1 (4 to 10, such as 8.2.3).", "clause");
                if (clause.Split('.')[0] != "8" || clause == "8") return null;
                if (IsMappedClause(clause) || IsMappedClause(clause[..clause.LastIndexOf('.')])) return null;
                return new($"Clause {clause} is not in the library's ISO/IEC 20000-1 clause 8 (see /api/v1/processes/frameworks).", "clause");
            default:
                return new($"The framework is one of {string.Join(", ", All)}.", "framework");
        }
    }

    static bool IsMappedClause(string number) => BuiltInLibrary.Clauses.Any(c => c.Number == number);
}
