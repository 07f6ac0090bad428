namespace PasteLite.Cli;

/// <summary>The streams and environment a command sees; the process's own, or a test's.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Standard input as bytes (`paste` sends them untouched); null means only <see cref="In"/>'s text exists (tests).</summary>
    public Func<Stream>? OpenBinaryIn { get; init; }

    public static CliConsole FromProcess() =>
        new(Console.In, Console.Out, Console.Error, Config.ConfigInputs.ProcessEnvironment()) { OpenBinaryIn = Console.OpenStandardInput };
}

/// <summary>A command failed in a way the user can act on: one line on stderr and this exit code.</summary>
internal sealed class CliError(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and could not do what was asked (no such user, port in use, ...).</summary>
    public const int Failure = 1;
    /// <summary>The command line or the configuration is wrong; nothing was done.</summary>
    public const int Usage = 2;
}
