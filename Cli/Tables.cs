namespace PasteLite.Cli;

/// <summary>Plain aligned text tables for the list commands, and the timestamp format they share.</summary>
internal static class Tables
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }

    /// <summary>Unix seconds as UTC `2026-11-22 10:04:05Z`; 0 reads as <paramref name="zero"/>.</summary>
    public static string Time(long unixSeconds, string zero = "never") =>
        unixSeconds == 0 ? zero : DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'");
}
