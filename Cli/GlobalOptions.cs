using System.CommandLine;
using PasteLite.Config;
using PasteLite.Data;

namespace PasteLite.Cli;

/// <summary>--config and --home, accepted by every command, and how a command turns them into settings.</summary>
internal sealed class GlobalOptions(CliConsole console)
{
    public CliConsole Console { get; } = console;

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "YAML configuration file (flat dotted keys such as api.enabled: false)", Recursive = true,
    };

    public Option<string?> Home { get; } = new("--home")
    {
        Description = "Home directory for the database and secret key (default ~/.pastelite)", Recursive = true,
    };

    /// <summary>Loads settings for this invocation: defaults &lt; config file &lt; environment &lt; flags.</summary>
    public (Settings Settings, IReadOnlyList<string> Warnings) LoadSettings(ParseResult parse, Dictionary<string, string>? flags = null)
    {
        flags ??= [];
        if (parse.GetValue(Home) is { } home) flags[SettingKeys.Home] = home;
        return SettingsLoader.Load(new ConfigInputs(parse.GetValue(Config), Console.Environment, flags));
    }

    /// <summary>For the management commands: settings, the home prepared, the database migrated.</summary>
    public Database OpenDatabase(ParseResult parse)
    {
        var (settings, warnings) = LoadSettings(parse);
        foreach (var warning in warnings) Console.Error.WriteLine($"pastelite: warning: {warning}");
        settings = HomeDirectory.Prepare(settings);
        var db = new Database(settings.DatabasePath);
        db.Initialize(settings.JournalMode);
        return db;
    }
}
