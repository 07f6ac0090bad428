using System.Text.RegularExpressions;

namespace PasteLite.Tests.Support;

/// <summary>Reads the aligned tables the list commands print: a header line, then one line per row.</summary>
public static partial class CliTable
{
    // A header name is words joined by single spaces ("LAST USED"); columns are two or more spaces apart.
    [GeneratedRegex(@"\S+(?: \S+)*")]
    private static partial Regex HeaderName();

    /// <summary>Each row as header name -> cell, cut at the header's column positions (so empty cells survive).</summary>
    public static List<Dictionary<string, string>> Parse(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.NotEmpty(lines);
        var columns = HeaderName().Matches(lines[0]).Select(m => (m.Value, m.Index)).ToList();
        return lines.Skip(1).Select(line => columns.Select((column, i) =>
        {
            var start = Math.Min(column.Index, line.Length);
            var end = i + 1 < columns.Count ? Math.Min(columns[i + 1].Index, line.Length) : line.Length;
            return (column.Value, Cell: line[start..end].Trim());
        }).ToDictionary(c => c.Value, c => c.Cell)).ToList();
    }
}
