using System.CommandLine;
using PasteLite.Data;

namespace PasteLite.Cli;

/// <summary>`pastelite admin set KEY VALUE | get [KEY]`: the run-time instance switches kept in the database.</summary>
internal static class AdminCommands
{
    public static Command Create(GlobalOptions global) => new("admin", "Read and change admin settings (a running server sees changes within 2 s)")
    {
        SetSetting(global),
        GetSetting(global),
    };

    private static Argument<string> KeyArgument(int arity) => new("KEY")
    {
        Description = string.Join(", ", AdminSettings.Keys),
        Arity = arity == 1 ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
    };

    private static Command SetSetting(GlobalOptions global)
    {
        var key = KeyArgument(1);
        var value = new Argument<string>("VALUE") { Description = "true or false" };
        var command = new Command("set", "Change an admin setting") { key, value };
        command.SetAction(parse =>
        {
            var name = CheckKey(parse.GetRequiredValue(key));
            var on = parse.GetRequiredValue(value).ToLowerInvariant() switch
            {
                "true" or "1" or "on" or "yes" => true,
                "false" or "0" or "off" or "no" => false,
                var other => throw new CliError($"admin setting values are true or false, not \"{other}\"", ExitCodes.Usage),
            };
            new AdminSettingsStore(global.OpenDatabase(parse), TimeProvider.System).Set(name, on);
            global.Console.Out.WriteLine($"{name}={(on ? "true" : "false")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command GetSetting(GlobalOptions global)
    {
        var key = KeyArgument(0);
        var command = new Command("get", "Print one admin setting's value, or all as KEY=VALUE lines") { key };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(key) is { } k ? CheckKey(k) : null;
            var values = new AdminSettingsStore(global.OpenDatabase(parse), TimeProvider.System).GetAll();
            if (wanted is not null)
                global.Console.Out.WriteLine(values[wanted] ? "true" : "false");
            else
                foreach (var (name, on) in values) global.Console.Out.WriteLine($"{name}={(on ? "true" : "false")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string CheckKey(string key) => AdminSettings.Keys.Contains(key) ? key
        : throw new CliError($"unknown admin setting \"{key}\" (expected {string.Join(", ", AdminSettings.Keys)})", ExitCodes.Usage);
}
