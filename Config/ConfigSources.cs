using System.Collections;

namespace PasteLite.Config;

/// <summary>A raw setting and where it came from, so an invalid value can be traced to its source.</summary>
internal sealed record RawValue(string Value, string Origin);

/// <summary>What start-up reads configuration from: a YAML file, the environment and command-line flags.</summary>
internal sealed record ConfigInputs(
    string? ConfigFile = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    IReadOnlyDictionary<string, string>? Flags = null)
{
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        return env;
    }
}

/// <summary>Layers defaults &lt; YAML file &lt; PASTY_* aliases &lt; OG_* environment &lt; flags into one table of raw values.</summary>
internal static class ConfigSources
{
    public static (Dictionary<string, RawValue> Values, List<string> Warnings) Gather(ConfigInputs inputs)
    {
        var values = SettingKeys.All.ToDictionary(k => k.Name, k => new RawValue(k.Default, "default"));
        var warnings = new List<string>();

        if (inputs.ConfigFile is { } file)
        {
            var fileName = Path.GetFileName(file);
            var seen = new Dictionary<string, int>();
            foreach (var entry in YamlConfigFile.Read(file))
            {
                if (seen.TryGetValue(entry.Key, out var firstLine))
                    warnings.Add($"{fileName} line {entry.Line}: \"{entry.Key}\" is also set on line {firstLine}; line {entry.Line} wins");
                seen[entry.Key] = entry.Line;
                if (values.ContainsKey(entry.Key))
                    values[entry.Key] = new RawValue(entry.Value, $"{fileName} line {entry.Line}");
                else
                    warnings.Add($"{fileName} line {entry.Line}: unknown key \"{entry.Key}\" is ignored");
            }
        }

        var env = inputs.Environment ?? new Dictionary<string, string>();
        // An empty variable is ignored, as Opengist does: the environment cannot blank a setting.
        foreach (var key in SettingKeys.All)
            foreach (var alias in key.PastyAliases)
                if (env.TryGetValue(alias, out var v) && v.Length > 0)
                {
                    values[key.Name] = new RawValue(v, $"env {alias}");
                    break;
                }
        foreach (var key in SettingKeys.All)
            if (env.TryGetValue(key.EnvName, out var v) && v.Length > 0)
                values[key.Name] = new RawValue(v, $"env {key.EnvName}");

        var known = SettingKeys.All.Select(k => k.EnvName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in env.Keys.Where(n => n.StartsWith("OG_", StringComparison.Ordinal) && !known.Contains(n)).Order())
            warnings.Add($"environment variable {name} matches no setting and is ignored");

        foreach (var (key, (value, flag)) in FlagValues(inputs.Flags))
            values[key] = new RawValue(value, $"flag {flag}");

        return (values, warnings);
    }

    private static IEnumerable<KeyValuePair<string, (string, string)>> FlagValues(IReadOnlyDictionary<string, string>? flags)
    {
        foreach (var (key, value) in flags ?? new Dictionary<string, string>())
        {
            if (SettingKeys.Find(key) is null)
                throw new ArgumentException($"no setting named {key}", nameof(flags));
            yield return new(key, (value, FlagName(key)));
        }
    }

    private static string FlagName(string key) => key switch
    {
        SettingKeys.Home => "--home",
        SettingKeys.HttpHost => "--host",
        SettingKeys.HttpPort => "--port",
        _ => "--" + key,
    };
}
