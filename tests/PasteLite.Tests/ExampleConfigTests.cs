using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>config.example.yml stays true to the code: every key, its default and its env name.</summary>
public sealed class ExampleConfigTests
{
    private static readonly string ExamplePath = Repository.File("config.example.yml");

    [Fact]
    public void Every_setting_appears_once_with_its_default()
    {
        var entries = YamlConfigFile.Read(ExamplePath);

        foreach (var key in SettingKeys.All)
        {
            var entry = Assert.Single(entries, e => e.Key == key.Name);
            Assert.Equal(key.Default, entry.Value);
        }
        Assert.All(entries, e => Assert.NotNull(SettingKeys.Find(e.Key)));
    }

    [Fact]
    public void Every_setting_documents_its_environment_variable_and_pasty_aliases()
    {
        var lines = File.ReadAllLines(ExamplePath);

        foreach (var key in SettingKeys.All)
        {
            var at = Array.FindIndex(lines, l => l.StartsWith(key.Name + ":", StringComparison.Ordinal));
            Assert.True(at > 0, $"{key.Name} missing");
            Assert.StartsWith($"# env: {key.EnvName}", lines[at - 1]);
            foreach (var alias in key.PastyAliases) Assert.Contains(alias, lines[at - 1]);
        }
    }

    [Fact]
    public void The_example_loads_to_the_same_settings_as_no_file()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/someone" };
        var (fromFile, warnings) = SettingsLoader.Load(new ConfigInputs(ExamplePath, env));
        var (defaults, _) = SettingsLoader.Load(new ConfigInputs(Environment: env));

        Assert.Empty(warnings);
        Assert.Equal(defaults.Home, fromFile.Home);
        Assert.Equal(defaults.DatabasePath, fromFile.DatabasePath);
        Assert.Equal(defaults.Pasty, fromFile.Pasty);
        Assert.Equal(defaults.Metrics, fromFile.Metrics);
        Assert.Equal(defaults with { TrustedProxies = [], Pasty = null!, Metrics = null! },
                     fromFile with { TrustedProxies = [], Pasty = null!, Metrics = null! });
    }
}
