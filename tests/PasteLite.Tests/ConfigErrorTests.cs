using PasteLite.Config;
using PasteLite.Tests.Support;
using static PasteLite.Tests.Support.ConfigLoad;

namespace PasteLite.Tests;

/// <summary>An invalid value stops start-up with a ConfigException naming the key and where the value came from.</summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly TestHome _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Bad_boolean_from_env_names_the_key_and_the_variable()
    {
        var error = Rejects(env: Env(("OG_API_ENABLED", "maybe")));

        Assert.Contains("api.enabled", error.Message);
        Assert.Contains("OG_API_ENABLED", error.Message);
        Assert.Contains("maybe", error.Message);
    }

    [Fact]
    public void Negative_port_from_a_flag_names_the_key_and_the_flag()
    {
        var error = Rejects(flags: Flags((SettingKeys.HttpPort, "-1")));

        Assert.Contains("http.port", error.Message);
        Assert.Contains("--port", error.Message);
    }

    [Fact]
    public void Negative_port_from_yaml_names_the_key_the_file_and_the_line()
    {
        var file = _files.WriteFile("config.yml", "api.enabled: true\nhttp:\n  host: 127.0.0.1\n  port: -1\n");

        var error = Rejects(file);

        Assert.Contains("http.port", error.Message);
        Assert.Contains(Path.GetFileName(file), error.Message);
        Assert.Contains("line 4", error.Message);
    }

    [Fact]
    public void Pasty_alias_error_names_the_alias()
    {
        var error = Rejects(env: Env(("PASTY_LENGTH_CAP", "lots")));

        Assert.Contains("pasty.length-cap", error.Message);
        Assert.Contains("PASTY_LENGTH_CAP", error.Message);
    }

    [Theory]
    [InlineData("http.port: 7001\napi.enabled: 'unclosed\nlog-level: info\n", 2)]
    [InlineData("http.port: 7001\napi:\n  enabled: false\n bad: 1\n", 4)]
    [InlineData("http.port: 7001\nhttp.port: 7002\n", 2)]
    public void Yaml_syntax_error_names_the_file_and_line(string yaml, int line)
    {
        var file = _files.WriteFile("broken.yml", yaml);

        var error = Rejects(file);

        Assert.Contains(Path.GetFileName(file), error.Message);
        Assert.Contains($"line {line}", error.Message);
    }

    // YamlDotNet's scanner throws InvalidOperationException (not YamlException) for an unclosed flow
    // sequence followed by a "key: value" line; YamlConfigFile.Parse only catches YamlException.
    [Fact]
    public void Yaml_unclosed_flow_sequence_before_another_key_is_a_config_error()
    {
        var file = _files.WriteFile("broken.yml", "http.port: 7001\napi.enabled: [true\nlog-level: info\n");

        var error = Rejects(file);

        Assert.Contains(Path.GetFileName(file), error.Message);
        Assert.Matches("line [0-9]+", error.Message);
    }

    [Fact]
    public void Yaml_that_is_not_a_mapping_is_rejected()
    {
        var file = _files.WriteFile("list.yml", "- api.enabled\n- false\n");

        var error = Rejects(file);

        Assert.Contains(Path.GetFileName(file), error.Message);
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void Missing_config_file_is_named()
    {
        var missing = Path.Join(_files.Path, "does-not-exist.yml");

        var error = Rejects(missing);

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Config_file_that_is_a_directory_is_named()
    {
        Directory.CreateDirectory(_files.Path);

        var error = Rejects(_files.Path);

        Assert.Contains(_files.Path, error.Message);
    }

    [Theory]
    [InlineData(SettingKeys.PastyAutodeleteLifetime, "forever")]
    [InlineData(SettingKeys.PastyAutodeleteLifetime, "0s")]
    [InlineData(SettingKeys.PastyAutodeleteInterval, "-5m")]
    [InlineData(SettingKeys.PastyReportsTimeout, "10")]
    [InlineData(SettingKeys.PastyMaxExpiry, "3 days")]
    [InlineData(SettingKeys.PastyRateLimit, "30-X")]
    [InlineData(SettingKeys.PastyRateLimit, "0-M")]
    [InlineData(SettingKeys.PastyRateLimit, "thirty-M")]
    [InlineData(SettingKeys.JournalMode, "FAST")]
    [InlineData(SettingKeys.ExternalUrl, "not a url")]
    [InlineData(SettingKeys.ExternalUrl, "ftp://paste.example.org")]
    [InlineData(SettingKeys.PastyReportsWebhook, "hooks.example.org/report")]
    [InlineData(SettingKeys.HttpHost, "example.org")]
    [InlineData(SettingKeys.HttpPort, "65536")]
    [InlineData(SettingKeys.LogLevel, "verbose")]
    [InlineData(SettingKeys.TrustedProxies, "10.0.0.0/8,proxy.local")]
    [InlineData(SettingKeys.PastyIdCharacters, "aab")]
    [InlineData(SettingKeys.PastyIdCharacters, "ab/c")]
    [InlineData(SettingKeys.PastyIdLength, "0")]
    [InlineData(SettingKeys.PastyModificationTokenLength, "4")]
    [InlineData(SettingKeys.DbUri, "postgres://db/pastelite")]
    public void Invalid_value_names_the_key_and_its_env_variable(string key, string value)
    {
        var envName = SettingKeys.Find(key)!.EnvName;

        var error = Rejects(env: Env((envName, value)));

        Assert.Contains(key, error.Message);
        Assert.Contains(envName, error.Message);
    }

    [Theory]
    [InlineData(SettingKeys.PastyAutodeleteLifetime, "forever")]
    [InlineData(SettingKeys.PastyRateLimit, "30-X")]
    [InlineData(SettingKeys.JournalMode, "FAST")]
    [InlineData(SettingKeys.ExternalUrl, "not a url")]
    public void Invalid_value_from_yaml_names_the_key_the_file_and_the_line(string key, string value)
    {
        var file = _files.WriteFile("bad.yml", $"http.port: 7001\n{key}: \"{value}\"\n");

        var error = Rejects(file);

        Assert.Contains(key, error.Message);
        Assert.Contains(Path.GetFileName(file), error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Invalid_value_is_reported_from_the_layer_that_won()
    {
        var file = _files.WriteFile("config.yml", "pasty.rate-limit: 30-X\n");

        var fromEnv = Rejects(file, Env(("OG_PASTY_RATE_LIMIT", "5-Q")));
        var fixedByEnv = Load(file, Env(("OG_PASTY_RATE_LIMIT", "5-H")));

        Assert.Contains("OG_PASTY_RATE_LIMIT", fromEnv.Message);
        Assert.DoesNotContain("line", fromEnv.Message);
        Assert.Equal(new RateLimitRule(5, TimeSpan.FromHours(1)), fixedByEnv.Pasty.RateLimit);
    }

    [Fact]
    public void Rate_limit_off_means_no_limit()
    {
        Assert.Null(Load(env: Env(("OG_PASTY_RATE_LIMIT", "off"))).Pasty.RateLimit);
    }
}
