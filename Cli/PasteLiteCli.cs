using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Data.Sqlite;
using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Cli;

/// <summary>The command line: which commands exist, and how errors become one line and an exit code.</summary>
internal static class PasteLiteCli
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var global = new GlobalOptions(console);
        var serve = ServeCommand.Create(global);
        var root = new RootCommand("PasteLite: a self-hosted pastebin and gist server in one file.")
        {
            global.Config,
            global.Home,
            serve,                            // run the server (also what `pastelite` alone does)
            UserCommands.Create(global),      // user create | list | delete
            TokenCommands.Create(global),     // token create | list | revoke
            AdminCommands.Create(global),     // admin set | get
            BackupCommand.Create(global),     // backup FILE
            PasteCommand.Create(global),      // paste [FILE] --server URL: the binary as its own curl
        };
        ServeCommand.MakeDefault(root, serve);
        // Our name and version, not the launching program's (in tests that is the test host).
        root.HelpName = "pastelite";
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion(console);
        return root;
    }

    private sealed class PrintVersion(CliConsole console) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            console.Out.WriteLine(AppInfo.Version);
            return ExitCodes.Ok;
        }
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancel = default)
    {
        var parse = BuildRoot(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Error.WriteLine($"pastelite: {parse.Errors[0].Message} (see 'pastelite --help')");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // The web host handles SIGTERM itself and drains requests; the parser must not cut it short.
                ProcessTerminationTimeout = null,
            }, cancel);
        }
        catch (Exception e) when (ToExitCode(e) is { } exit)
        {
            console.Error.WriteLine($"pastelite: {e.Message}");
            return exit;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"pastelite: unexpected error, please report it: {e}");
            return ExitCodes.Failure;
        }
    }

    private static int? ToExitCode(Exception e) => e switch
    {
        CliError cli => cli.ExitCode,
        ConfigException => ExitCodes.Usage,
        SchemaTooNewException => ExitCodes.Failure,
        SqliteException => ExitCodes.Failure,
        _ => null,
    };
}
