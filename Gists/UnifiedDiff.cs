namespace PasteLite.Gists;

internal enum DiffKind { Context, Added, Removed }

/// <summary>One line of a hunk: unchanged context, an added line or a removed line (without its newline).</summary>
internal sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A unified diff hunk: where it starts in each text (1-based) and how many lines it spans there.</summary>
internal sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>`@@ -a,b +c,d @@` as git writes it: an empty side names the line before it, a count of 1 is left out.</summary>
    public string Header => $"@@ -{Range(OldStart, OldCount)} +{Range(NewStart, NewCount)} @@";

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start - 1},0",
        1 => $"{start}",
        _ => $"{start},{count}",
    };
}

/// <summary>
/// Line diffs as hunks of a unified diff, from the shortest edit script (Myers 1986). The work is bounded: texts
/// with more than <see cref="MaxLines"/> lines, or needing more than <see cref="MaxEdits"/> edits after their common
/// start and end are set aside, give null ("too large to diff") instead of taking quadratic time and memory.
/// </summary>
internal static class UnifiedDiff
{
    public const int MaxLines = 20_000;
    public const int MaxEdits = 1_000;
    public const int DefaultContext = 3;

    /// <summary>The hunks turning <paramref name="before"/> into <paramref name="after"/> (null text = no file); null when too large.</summary>
    public static IReadOnlyList<DiffHunk>? Hunks(string? before, string? after, int context = DefaultContext)
    {
        var script = EditScript(LineDiff.Lines(before), LineDiff.Lines(after));
        return script is null ? null : Group(script, context);
    }

    /// <summary>Every line of both texts in order, each marked unchanged, added or removed; null when over the bounds.</summary>
    public static IReadOnlyList<DiffLine>? EditScript(string[] a, string[] b)
    {
        if (a.Length > MaxLines || b.Length > MaxLines) return null;
        int start = 0, endA = a.Length, endB = b.Length;
        while (start < endA && start < endB && a[start] == b[start]) start++;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }

        var middle = Myers(a.AsSpan(start, endA - start), b.AsSpan(start, endB - start));
        if (middle is null) return null;
        var script = new List<DiffLine>(a.Length + b.Length - (endA - start) - (endB - start) + middle.Count);
        for (var i = 0; i < start; i++) script.Add(new DiffLine(DiffKind.Context, a[i]));
        script.AddRange(middle);
        for (var i = endA; i < a.Length; i++) script.Add(new DiffLine(DiffKind.Context, a[i]));
        return script;
    }

    /// <summary>Myers' greedy forward search, keeping each round's furthest reach so the path can be walked back.</summary>
    private static List<DiffLine>? Myers(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        int n = a.Length, m = b.Length;
        var result = new List<DiffLine>();
        if (n == 0 || m == 0)
        {
            foreach (var line in a) result.Add(new DiffLine(DiffKind.Removed, line));
            foreach (var line in b) result.Add(new DiffLine(DiffKind.Added, line));
            return result;
        }

        var max = Math.Min(n + m, MaxEdits);
        var v = new int[2 * max + 3];
        var offset = max + 1;
        // trace[d] holds v[-d..d] after round d: the furthest x reached on each diagonal k = x - y with d edits.
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
            trace.Add(v.AsSpan(offset - d, 2 * d + 1).ToArray());
        }
        if (found < 0) return null;

        // Walk back from (n, m): each round ends in a snake of equal lines preceded by one insert or delete.
        int px = n, py = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d - 1];
            int Reach(int k) => previous[k + d - 1];
            var kNow = px - py;
            var down = kNow == -d || (kNow != d && Reach(kNow - 1) < Reach(kNow + 1));
            var prevK = down ? kNow + 1 : kNow - 1;
            var prevX = Reach(prevK);
            var prevY = prevX - prevK;
            while (px > prevX && py > prevY) { result.Add(new DiffLine(DiffKind.Context, a[--px])); py--; }
            if (down) result.Add(new DiffLine(DiffKind.Added, b[--py]));
            else result.Add(new DiffLine(DiffKind.Removed, a[--px]));
        }
        while (px > 0 && py > 0) { result.Add(new DiffLine(DiffKind.Context, a[--px])); py--; }
        result.Reverse();
        return result;
    }

    /// <summary>Groups an edit script into hunks: changes with up to <paramref name="context"/> unchanged lines around them.</summary>
    public static IReadOnlyList<DiffHunk> Group(IReadOnlyList<DiffLine> script, int context = DefaultContext)
    {
        var hunks = new List<DiffHunk>();
        // Old and new line numbers (1-based) of each script entry.
        var oldLine = new int[script.Count];
        var newLine = new int[script.Count];
        for (int i = 0, o = 1, w = 1; i < script.Count; i++)
        {
            oldLine[i] = o;
            newLine[i] = w;
            if (script[i].Kind != DiffKind.Added) o++;
            if (script[i].Kind != DiffKind.Removed) w++;
        }

        var index = 0;
        while (index < script.Count)
        {
            while (index < script.Count && script[index].Kind == DiffKind.Context) index++;
            if (index == script.Count) break;
            var first = Math.Max(0, index - context);
            // Extend while the next change is within 2 * context unchanged lines, so neighbouring hunks merge.
            var last = index;
            var cursor = index;
            while (cursor < script.Count)
            {
                if (script[cursor].Kind != DiffKind.Context) { last = cursor; cursor++; continue; }
                var run = cursor;
                while (run < script.Count && script[run].Kind == DiffKind.Context) run++;
                if (run == script.Count || run - cursor > 2 * context) break;
                cursor = run;
            }
            var end = Math.Min(script.Count - 1, last + context);
            var lines = new List<DiffLine>(end - first + 1);
            int oldCount = 0, newCount = 0;
            for (var i = first; i <= end; i++)
            {
                lines.Add(script[i]);
                if (script[i].Kind != DiffKind.Added) oldCount++;
                if (script[i].Kind != DiffKind.Removed) newCount++;
            }
            hunks.Add(new DiffHunk(oldLine[first], oldCount, newLine[first], newCount, lines));
            index = end + 1;
        }
        return hunks;
    }
}
