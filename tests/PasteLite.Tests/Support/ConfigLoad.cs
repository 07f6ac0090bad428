using System.Reflection;
using PasteLite.Config;

namespace PasteLite.Tests.Support;

/// <summary>Loads settings the way start-up does, from explicit inputs only (never the process environment).</summary>
internal static class ConfigLoad
{
    /// <summary>The HOME every test environment carries, so `~` never depends on who runs the tests.</summary>
    public const string UserHome = "/home/pastelite-tester";

    public static Dictionary<string, string> Env(params (string Name, string Value)[] vars)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = UserHome };
        foreach (var (name, value) in vars) env[name] = value;
        return env;
    }

    public static Dictionary<string, string> Flags(params (string Key, string Value)[] flags) =>
        flags.ToDictionary(f => f.Key, f => f.Value);

    public static (Settings Settings, IReadOnlyList<string> Warnings) LoadWithWarnings(
        string? configFile = null, IReadOnlyDictionary<string, string>? env = null, IReadOnlyDictionary<string, string>? flags = null) =>
        SettingsLoader.Load(new ConfigInputs(configFile, env ?? Env(), flags));

    public static Settings Load(
        string? configFile = null, IReadOnlyDictionary<string, string>? env = null, IReadOnlyDictionary<string, string>? flags = null) =>
        LoadWithWarnings(configFile, env, flags).Settings;

    public static ConfigException Rejects(
        string? configFile = null, IReadOnlyDictionary<string, string>? env = null, IReadOnlyDictionary<string, string>? flags = null) =>
        Assert.Throws<ConfigException>(() => Load(configFile, env, flags));

    /// <summary>
    /// Every leaf of a Settings as "Pasty.IdLength" -> text, lists joined with commas, so two loads compare by value
    /// (the records hold lists, which compare by reference).
    /// </summary>
    public static Dictionary<string, string> Flatten(Settings settings)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(settings, "", leaves);
        return leaves;
    }

    private static void Walk(object? value, string path, Dictionary<string, string> into)
    {
        switch (value)
        {
            case null:
                into[path] = "<null>";
                return;
            case string or bool or int or long or TimeSpan or Enum or System.Net.IPNetwork:
                into[path] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                return;
            case System.Collections.IEnumerable list:
                into[path] = string.Join(",", list.Cast<object>());
                return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name == "EqualityContract") continue;
            Walk(property.GetValue(value), path.Length == 0 ? property.Name : path + "." + property.Name, into);
        }
    }
}
