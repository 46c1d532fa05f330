namespace Steward.Core.Knowledge;

public enum DiffOperation
{
    Same,
    Removed,
    Added,
}

/// <summary>One line of a diff, with its number in the old text (removed and same lines) and in the new one (added and same lines).</summary>
public sealed record DiffLine(DiffOperation Operation, string Text, int? OldLine, int? NewLine);

/// <summary>
/// A line-by-line difference of two texts: the shortest edit script of Myers' algorithm (1986),
/// as diff and git print it, in O((N+M)·D) time for D differing lines. Lines are compared exactly;
/// "\r\n" and "\n" end a line alike.
/// </summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string oldText, string newText)
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        // The common head and tail need no search: an edit of one paragraph of a long article costs only that paragraph.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;

        var result = new List<DiffLine>(Math.Max(a.Length, b.Length) + 4);
        for (var i = 0; i < head; i++) result.Add(new(DiffOperation.Same, a[i], i + 1, i + 1));
        Middle(a, b, head, a.Length - tail, head, b.Length - tail, result);
        for (var i = tail; i > 0; i--) result.Add(new(DiffOperation.Same, a[^i], a.Length - i + 1, b.Length - i + 1));
        return result;
    }

    /// <summary>Frontier entries the search keeps for tracing back (16 MB): past it, the middle is shown as replaced.</summary>
    const long MostRemembered = 4_000_000;

    static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>Myers' greedy forward search over a[aStart..aEnd) and b[bStart..bEnd), then the path traced back from the saved frontiers.</summary>
    static void Middle(string[] a, string[] b, int aStart, int aEnd, int bStart, int bEnd, List<DiffLine> result)
    {
        int n = aEnd - aStart, m = bEnd - bStart, max = n + m;
        if (max == 0) return;
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            if ((long)(d + 1) * v.Length > MostRemembered)
            {
                // Two long texts with little in common: say the middle was replaced rather than search on.
                for (var i = aStart; i < aEnd; i++) result.Add(new(DiffOperation.Removed, a[i], i + 1, null));
                for (var j = bStart; j < bEnd; j++) result.Add(new(DiffOperation.Added, b[j], null, j + 1));
                return;
            }
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = true; break; }
            }
        }

        var script = new List<DiffLine>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var frontier = trace[d];
            var k = cx - cy;
            var fromAbove = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]);
            var prevK = fromAbove ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : frontier[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                script.Add(new(DiffOperation.Same, a[aStart + cx], aStart + cx + 1, bStart + cy + 1));
            }
            if (d == 0) break;
            if (fromAbove)
            {
                cy--;
                script.Add(new(DiffOperation.Added, b[bStart + cy], null, bStart + cy + 1));
            }
            else
            {
                cx--;
                script.Add(new(DiffOperation.Removed, a[aStart + cx], aStart + cx + 1, null));
            }
        }
        script.Reverse();
        result.AddRange(script);
    }
}
