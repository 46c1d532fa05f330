namespace Steward.Core.Sla;

/// <summary>
/// One UTC year of a calendar's business time: disjoint real intervals in order (Unix ticks) and
/// the business time accumulated in the year before each one.
/// </summary>
sealed class BusinessYear
{
    readonly long[] from, to, before;

    BusinessYear(long start, long end, long[] from, long[] to, long[] before, long total)
    {
        (Start, End, this.from, this.to, this.before, Total) = (start, end, from, to, before, total);
    }

    public long Start { get; }
    public long End { get; }
    public long Total { get; }

    public static BusinessYear Of(long start, long end, List<(long From, long To)> spans)
    {
        spans.Sort();
        var merged = new List<(long From, long To)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.From <= merged[^1].To) merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, span.To));
            else merged.Add(span);
        }
        var from = new long[merged.Count];
        var to = new long[merged.Count];
        var before = new long[merged.Count];
        long total = 0;
        for (var i = 0; i < merged.Count; i++)
        {
            (from[i], to[i], before[i]) = (merged[i].From, merged[i].To, total);
            total += merged[i].To - merged[i].From;
        }
        return new BusinessYear(start, end, from, to, before, total);
    }

    /// <summary>Business time from the start of the year to <paramref name="at"/> (clamped to the year).</summary>
    public long AccumulatedAt(long at)
    {
        if (at <= Start || from.Length == 0) return 0;
        if (at >= End) return Total;
        // The last interval starting before `at`.
        var i = Array.BinarySearch(from, at);
        i = i >= 0 ? i : ~i - 1;
        if (i < 0) return 0;
        return before[i] + Math.Min(at, to[i]) - from[i];
    }

    /// <summary>The earliest instant at which <paramref name="target"/> (0 &lt; target ≤ Total) has accumulated.</summary>
    public long InstantWhenAccumulated(long target)
    {
        // The first interval whose end reaches the target: before[i] + length[i] >= target, i.e. the last one with before[i] < target.
        int low = 0, high = from.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >>> 1;
            if (before[mid] < target) low = mid;
            else high = mid - 1;
        }
        return from[low] + (target - before[low]);
    }
}
