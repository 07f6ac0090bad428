namespace PasteLite.Tests.Support;

/// <summary>The checkout the tests run from, found by walking up to PasteLite.csproj.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(string relativePath) => Path.Join(Root, relativePath);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Join(dir.FullName, "PasteLite.csproj"))) return dir.FullName;
        throw new InvalidOperationException("cannot find PasteLite.csproj above " + AppContext.BaseDirectory);
    }
}
