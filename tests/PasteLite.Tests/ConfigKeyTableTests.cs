using PasteLite.Config;
using PasteLite.Tests.Support;
using static PasteLite.Tests.Support.ConfigLoad;

namespace PasteLite.Tests;

/// <summary>Every key in SettingKeys.All is reachable from its OG_* variable and from YAML, and changes its setting.</summary>
public sealed class ConfigKeyTableTests : IDisposable
{
    private readonly TestHome _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// A valid non-default value for every key, and the Settings property it must change. A key added to
    /// SettingKeys.All without a row here fails <see cref="Every_key_has_a_row_in_the_test_table"/>.
    /// </summary>
    private static readonly Dictionary<string, (string Value, string Property)> Alternatives = new()
    {
        [SettingKeys.Home] = ("/srv/pastelite-alt", "Home"),
        [SettingKeys.DbUri] = ("other.db", "DatabasePath"),
        [SettingKeys.ExternalUrl] = ("https://paste.example.org", "ExternalUrl"),
        [SettingKeys.HttpHost] = ("127.0.0.1", "HttpHost"),
        [SettingKeys.HttpPort] = ("8080", "HttpPort"),
        [SettingKeys.TrustedProxies] = ("10.0.0.0/8,192.168.1.1", "TrustedProxies"),
        [SettingKeys.MaxBodySize] = ("2048", "MaxBodySize"),
        [SettingKeys.LogLevel] = ("debug", "LogLevel"),
        [SettingKeys.ApiEnabled] = ("false", "ApiEnabled"),
        [SettingKeys.JournalMode] = ("DELETE", "JournalMode"),
        [SettingKeys.SecretKey] = ("configured-secret", "SecretKey"),
        [SettingKeys.MetricsEnabled] = ("true", "Metrics.Enabled"),
        [SettingKeys.MetricsHost] = ("127.0.0.1", "Metrics.Host"),
        [SettingKeys.MetricsPort] = ("9100", "Metrics.Port"),
        [SettingKeys.PastyEnabled] = ("false", "Pasty.Enabled"),
        [SettingKeys.PastyIdLength] = ("10", "Pasty.IdLength"),
        [SettingKeys.PastyIdCharacters] = ("abc123", "Pasty.IdCharacters"),
        [SettingKeys.PastyModificationTokens] = ("false", "Pasty.ModificationTokens"),
        [SettingKeys.PastyModificationTokenLength] = ("20", "Pasty.ModificationTokenLength"),
        [SettingKeys.PastyAdminToken] = ("master", "Pasty.AdminToken"),
        [SettingKeys.PastyLengthCap] = ("1000", "Pasty.LengthCap"),
        [SettingKeys.PastyRateLimit] = ("5-S", "Pasty.RateLimit.Permits"),
        [SettingKeys.PastyAutodeleteEnabled] = ("true", "Pasty.AutodeleteEnabled"),
        [SettingKeys.PastyAutodeleteLifetime] = ("7d", "Pasty.AutodeleteLifetime"),
        [SettingKeys.PastyAutodeleteInterval] = ("1m", "Pasty.AutodeleteInterval"),
        [SettingKeys.PastyReportsEnabled] = ("true", "Pasty.ReportsEnabled"),
        [SettingKeys.PastyReportsWebhook] = ("https://hooks.example.org/x", "Pasty.ReportsWebhook"),
        [SettingKeys.PastyReportsWebhookToken] = ("webhook-token", "Pasty.ReportsWebhookToken"),
        [SettingKeys.PastyReportsTimeout] = ("30s", "Pasty.ReportsTimeout"),
        [SettingKeys.PastyHastebinSupport] = ("false", "Pasty.HastebinSupport"),
        [SettingKeys.PastyRequireToken] = ("true", "Pasty.RequireToken"),
        [SettingKeys.PastyMaxExpiry] = ("30d", "Pasty.MaxExpiry"),
    };

    public static TheoryData<string> AllKeys() => new(SettingKeys.All.Select(k => k.Name));

    [Fact]
    public void Every_key_has_a_row_in_the_test_table()
    {
        Assert.All(SettingKeys.All, key =>
            Assert.True(Alternatives.ContainsKey(key.Name), $"add a row for {key.Name} to {nameof(Alternatives)}"));
        Assert.All(Alternatives.Keys, name => Assert.True(SettingKeys.Find(name) is not null, $"{name} is not a setting"));
    }

    [Fact]
    public void Every_table_property_exists_in_settings()
    {
        var leaves = Flatten(Load());

        Assert.All(Alternatives.Values, a => Assert.True(leaves.ContainsKey(a.Property), $"Settings has no {a.Property}"));
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Every_key_is_set_by_its_env_variable(string key)
    {
        var (value, property) = Alternatives[key];
        var defaults = Flatten(Load());

        var (loaded, warnings) = LoadWithWarnings(env: Env((SettingKeys.Find(key)!.EnvName, value)));

        Assert.Empty(warnings);
        Assert.NotEqual(defaults[property], Flatten(loaded)[property]);
    }

    [Fact]
    public void Every_key_is_set_from_a_flat_yaml_file()
    {
        var yaml = string.Concat(SettingKeys.All.Select(k => $"{k.Name}: \"{Alternatives[k.Name].Value}\"\n"));
        var defaults = Flatten(Load());

        var (loaded, warnings) = LoadWithWarnings(_files.WriteFile("all.yml", yaml));

        Assert.Empty(warnings);
        var flat = Flatten(loaded);
        Assert.Empty(Alternatives.Where(a => flat[a.Value.Property] == defaults[a.Value.Property]).Select(a => a.Key));
    }

    [Fact]
    public void Every_env_name_is_OG_and_the_key_upper_cased_with_underscores()
    {
        foreach (var key in SettingKeys.All)
        {
            var expected = "OG_" + new string(key.Name.Select(c => c is '.' or '-' ? '_' : char.ToUpperInvariant(c)).ToArray());
            Assert.Equal(expected, key.EnvName);
            Assert.Matches("^OG_[A-Z0-9_]+$", key.EnvName);
        }
        Assert.Equal("OG_API_ENABLED", SettingKeys.Find(SettingKeys.ApiEnabled)!.EnvName);
        Assert.Equal("OG_PASTY_AUTODELETE_TASK_INTERVAL", SettingKeys.Find(SettingKeys.PastyAutodeleteInterval)!.EnvName);
    }

    [Fact]
    public void Env_names_and_pasty_aliases_are_unique()
    {
        var names = SettingKeys.All.Select(k => k.EnvName).Concat(SettingKeys.All.SelectMany(k => k.PastyAliases)).ToList();

        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(SettingKeys.All.SelectMany(k => k.PastyAliases), alias => Assert.StartsWith("PASTY_", alias));
    }
}
