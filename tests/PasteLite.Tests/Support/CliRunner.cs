using PasteLite.Cli;

namespace PasteLite.Tests.Support;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public TimeSpan Elapsed { get; init; }

    /// <summary>Stdout split into lines, without the trailing empty one.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>Runs the real command line in-process with captured streams and a chosen environment.</summary>
public static class CliRunner
{
    /// <summary>
    /// Runs <paramref name="args"/> with the given stdin and environment. Within <paramref name="limit"/>
    /// (default 30 s) the command is cancelled, so a command that wrongly starts a server still returns.
    /// </summary>
    public static CliResult Run(string[] args, string stdin = "", IReadOnlyDictionary<string, string>? env = null, TimeSpan? limit = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(new StringReader(stdin), output, error, env ?? new Dictionary<string, string>());
        using var cancel = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = PasteLiteCli.RunAsync(args, console, cancel.Token).GetAwaiter().GetResult();
        return new CliResult(exit, output.ToString(), error.ToString()) { Elapsed = clock.Elapsed };
    }

    /// <summary>Runs a command against <paramref name="home"/>, adding --home for it.</summary>
    public static CliResult Run(TestHome home, params string[] args) => Run([.. args, "--home", home.Path]);

    /// <summary>Runs a command against <paramref name="home"/> with <paramref name="stdin"/> as standard input.</summary>
    public static CliResult RunWithStdin(TestHome home, string stdin, params string[] args) =>
        Run([.. args, "--home", home.Path], stdin);
}
