using System.Diagnostics;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>
/// dist/pastelite, published by `dotnet publish -c Release -o dist` when it is missing or older than the
/// sources, so the one test command also proves the trimmed single file (trimming breaks only show there).
/// </summary>
public static class PublishedBinary
{
    private static readonly Lazy<string> Binary = new(EnsurePublished, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Binary.Value;

    private static string EnsurePublished()
    {
        var binary = System.IO.Path.Join(Repository.Root, "dist", "pastelite");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= NewestSourceTime()) return binary;

        var publish = new ProcessStartInfo("dotnet", ["publish", "-c", "Release", "-o", "dist"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables would point the nested build at the test run's own nodes.
        foreach (var name in publish.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            publish.Environment.Remove(name);
        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("dotnet publish took more than 5 minutes");
        }
        if (process.ExitCode != 0 || !File.Exists(binary))
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
        return binary;
    }

    /// <summary>The newest write time of anything that goes into the binary: code, project file, embedded assets.</summary>
    private static DateTime NewestSourceTime()
    {
        var skip = new[] { "tests", "bin", "obj", "dist", "bench", "deploy", "node_modules", ".git" };
        var newest = DateTime.MinValue;
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(Repository.Root)]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in dir.EnumerateDirectories())
                if (!skip.Contains(sub.Name)) pending.Push(sub);
            foreach (var file in dir.EnumerateFiles())
                if (file.LastWriteTimeUtc > newest && file.Extension is not ".md") newest = file.LastWriteTimeUtc;
        }
        return newest;
    }
}
