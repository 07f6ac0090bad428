using System.CommandLine;
using PasteLite.Config;
using PasteLite.Hosting;

namespace PasteLite.Cli;

/// <summary>`pastelite [serve] [--host H] [--port N]`: run the server until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    private sealed record Options(Option<string?> Host, Option<string?> Port);

    public static Command Create(GlobalOptions global)
    {
        var options = new Options(
            new Option<string?>("--host") { Description = "Address to listen on (http.host)" },
            new Option<string?>("--port") { Description = "Port to listen on (http.port)" });
        var serve = new Command("serve", "Run the server (the default command)") { options.Host, options.Port };
        serve.SetAction((parse, cancel) => RunAsync(global, options, parse, cancel));
        return serve;
    }

    /// <summary>`pastelite` with no command serves too, taking the same flags.</summary>
    public static void MakeDefault(RootCommand root, Command serve)
    {
        foreach (var option in serve.Options) root.Options.Add(option);
        root.Action = serve.Action;
    }

    private static async Task<int> RunAsync(GlobalOptions global, Options options, ParseResult parse, CancellationToken cancel)
    {
        var flags = new Dictionary<string, string>();
        if (parse.GetValue(options.Host) is { } host) flags[SettingKeys.HttpHost] = host;
        if (parse.GetValue(options.Port) is { } port) flags[SettingKeys.HttpPort] = port;
        var (settings, warnings) = global.LoadSettings(parse, flags);

        await using var app = PasteLiteApp.Build(settings, warnings);
        try
        {
            await app.StartAsync(cancel);
        }
        catch (Exception e) when (Listening.IsAddressInUse(e))
        {
            throw new CliError($"cannot listen on {Listening.FailedAddress(e, settings)}: the address is already in use");
        }
        // Printed whatever the log level: operators and the end-to-end tests read the bound ports here (metrics' too).
        global.Console.Out.WriteLine($"pastelite {AppInfo.Version} listening on {app.ListeningOn()}");
        global.Console.Out.Flush();
        await app.WaitForShutdownAsync(cancel);
        return ExitCodes.Ok;
    }
}
