namespace PasteLite.Gists;

/// <summary>Gist file names as Opengist cleans them: no directories, no traversal, no surrounding spaces.</summary>
internal static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>`../../etc/passwd` -> `passwd`; `.` and `..` -> empty; slashes and backslashes removed; trimmed.</summary>
    public static string Clean(string name)
    {
        var lastSlash = name.LastIndexOf('/');
        var baseName = lastSlash >= 0 ? name[(lastSlash + 1)..] : name;
        if (baseName is "." or "..") baseName = "";
        return baseName.Replace("/", "").Replace("\\", "").Trim();
    }

    /// <summary>The name for the Nth unnamed file: gistfile1.txt, gistfile2.txt, ...</summary>
    public static string Default(int n) => $"gistfile{n}.txt";

    /// <summary>Null when acceptable, else the reason.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "files: filename cannot be empty";
        if (name.Length > MaxLength) return $"files: filename must be at most {MaxLength} characters";
        if (name.Any(char.IsControl)) return "files: filename cannot contain control characters";
        return null;
    }
}
