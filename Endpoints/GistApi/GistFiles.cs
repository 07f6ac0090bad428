using System.Text;
using PasteLite.Data;
using PasteLite.Gists;

namespace PasteLite.Endpoints.GistApi;

/// <summary>Turns a request's `files` object into the file set to store, with Opengist's create and merge rules.</summary>
internal static class GistFiles
{
    /// <summary>Create: keys sorted, empty contents dropped, names cleaned, unnamed files become gistfileN.txt.</summary>
    public static (IReadOnlyList<NewFile> Files, string? Problem) ForCreate(IReadOnlyList<KeyValuePair<string, FileInput?>>? requested)
    {
        var files = new List<NewFile>();
        foreach (var (key, file) in (requested ?? []).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(file?.Content)) continue;
            var name = FileNames.Clean(key);
            if (name.Length == 0) name = FileNames.Default(files.Count + 1);
            files.Add(new NewFile(name, Encoding.UTF8.GetBytes(file.Content)));
        }
        return (files, Duplicate(files) is { } twice ? $"files: duplicate filename: {twice}" : null);
    }

    /// <summary>
    /// Update: a file named with null (or with neither content nor filename) is deleted, `filename` renames,
    /// `content` replaces, unmentioned files stay; unknown names with content are added.
    /// </summary>
    public static (IReadOnlyList<NewFile> Files, string? Problem) Merge(
        IReadOnlyList<RevisionFileRow> current, IReadOnlyList<KeyValuePair<string, FileInput?>> requested)
    {
        var patch = new Dictionary<string, FileInput?>(StringComparer.Ordinal);
        foreach (var (key, value) in requested) patch[key] = value;

        var merged = new List<NewFile>();
        foreach (var file in current)
        {
            if (!patch.TryGetValue(file.Filename, out var change))
            {
                merged.Add(new NewFile(file.Filename, file.Content));
                continue;
            }
            if (change is null || (change.Content is null && change.Filename is null)) continue;
            merged.Add(new NewFile(change.Filename ?? file.Filename,
                change.Content is null ? file.Content : Encoding.UTF8.GetBytes(change.Content)));
        }
        var existing = current.Select(f => f.Filename).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, change) in patch.Where(p => !existing.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            if (change?.Content is { } content)
                merged.Add(new NewFile(change.Filename ?? key, Encoding.UTF8.GetBytes(content)));

        var cleaned = merged.Select(f => f with { Name = FileNames.Clean(f.Name) }).ToList();
        if (cleaned.Any(f => f.Name.Length == 0)) return (cleaned, "files: filename cannot be empty");
        return (cleaned, Duplicate(cleaned) is { } name ? $"files: duplicate filename after merge: {name}" : null);
    }

    /// <summary>A gist created without a title is named after its first file.</summary>
    public static string TitleOr(string? title, IReadOnlyList<NewFile> files) =>
        string.IsNullOrEmpty(title) && files.Count > 0 ? files[0].Name : title ?? "";

    /// <summary>Whether a file set holds exactly the current files (same names, same bytes), so no revision is needed.</summary>
    public static bool Unchanged(IReadOnlyList<RevisionFileRow> current, IReadOnlyList<NewFile> files)
    {
        if (current.Count != files.Count) return false;
        var byName = current.ToDictionary(f => f.Filename, f => f.Content, StringComparer.Ordinal);
        return files.All(f => byName.TryGetValue(f.Name, out var content) && content.AsSpan().SequenceEqual(f.Content));
    }

    private static string? Duplicate(IEnumerable<NewFile> files) =>
        files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
}
