namespace PasteLite.Gists;

/// <summary>Added and removed line counts between two texts, as `git diff --numstat` reports them.</summary>
internal static class LineDiff
{
    // Past this many edits Myers' cost grows quadratically; a multiset count is close enough for statistics.
    private const int MaxExactEdits = 2000;

    public static (int Additions, int Deletions) Count(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        int start = 0, endA = a.Length, endB = b.Length;
        while (start < endA && start < endB && a[start] == b[start]) start++;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }
        int n = endA - start, m = endB - start;
        if (n == 0 || m == 0) return (m, n);

        var edits = MyersDistance(a.AsSpan(start, n), b.AsSpan(start, m));
        if (edits < 0) return MultisetCount(a.AsSpan(start, n), b.AsSpan(start, m));
        // With only inserts and deletes: edits = adds + dels, and adds - dels = m - n.
        return ((edits + m - n) / 2, (edits - m + n) / 2);
    }

    /// <summary>A text's lines as diffs count them: split on \n, a final newline ends the last line.</summary>
    public static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.Split('\n');
        // A final newline ends the last line rather than starting an empty one.
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>The shortest edit script's length (Myers 1986), or -1 when it exceeds <see cref="MaxExactEdits"/>.</summary>
    private static int MyersDistance(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        int n = a.Length, m = b.Length, max = Math.Min(n + m, MaxExactEdits);
        var v = new int[2 * max + 2];
        for (var d = 0; d <= max; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[max + k] = x;
                if (x >= n && y >= m) return d;
            }
        }
        return -1;
    }

    private static (int, int) MultisetCount(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in a) counts[line] = counts.GetValueOrDefault(line) + 1;
        var common = 0;
        foreach (var line in b)
            if (counts.TryGetValue(line, out var c) && c > 0) { counts[line] = c - 1; common++; }
        return (b.Length - common, a.Length - common);
    }
}
