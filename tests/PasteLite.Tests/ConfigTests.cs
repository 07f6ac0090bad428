using Microsoft.Extensions.Logging;
using PasteLite.Config;
using PasteLite.Tests.Support;
using static PasteLite.Tests.Support.ConfigLoad;

namespace PasteLite.Tests;

/// <summary>Defaults, the four layers and their precedence, the YAML forms and pasty's variable names.</summary>
public sealed class ConfigTests : IDisposable
{
    private readonly TestHome _files = new();

    public void Dispose() => _files.Dispose();

    private string Yaml(string text) => _files.WriteFile("config.yml", text);

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var (settings, warnings) = LoadWithWarnings();

        Assert.Empty(warnings);
        Assert.Equal(6157, settings.HttpPort);
        Assert.Equal("0.0.0.0", settings.HttpHost);
        Assert.True(settings.ApiEnabled);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal("WAL", settings.JournalMode);
        Assert.Equal("", settings.ExternalUrl);
        Assert.Equal("", settings.SecretKey);
        Assert.Empty(settings.TrustedProxies);
        Assert.Equal(new MetricsSettings(false, "0.0.0.0", 6158), settings.Metrics);
        Assert.True(settings.Pasty.Enabled);
        Assert.Equal(6, settings.Pasty.IdLength);
        Assert.Equal(50000, settings.Pasty.LengthCap);
        Assert.Equal(new RateLimitRule(30, TimeSpan.FromMinutes(1)), settings.Pasty.RateLimit);
        Assert.False(settings.Pasty.AutodeleteEnabled);
        Assert.Equal(TimeSpan.FromHours(720), settings.Pasty.AutodeleteLifetime);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Pasty.AutodeleteInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Pasty.ReportsTimeout);
        Assert.Null(settings.Pasty.MaxExpiry);
    }

    [Fact]
    public void Default_home_is_dot_pastelite_under_HOME_from_the_given_environment()
    {
        var settings = Load(env: Env(("HOME", "/srv/someone")));

        Assert.Equal("/srv/someone/.pastelite", settings.Home);
        Assert.Equal("/srv/someone/.pastelite/pastelite.db", settings.DatabasePath);
    }

    [Theory]
    [InlineData(false, false, false, 6157)]
    [InlineData(true, false, false, 7001)]
    [InlineData(false, true, false, 7002)]
    [InlineData(false, false, true, 7003)]
    [InlineData(true, true, false, 7002)]
    [InlineData(true, false, true, 7003)]
    [InlineData(false, true, true, 7003)]
    [InlineData(true, true, true, 7003)]
    public void Env_overrides_yaml_and_flag_overrides_env(bool yaml, bool env, bool flag, int expectedPort)
    {
        var settings = Load(
            configFile: yaml ? Yaml("http.port: 7001\n") : null,
            env: env ? Env(("OG_HTTP_PORT", "7002")) : Env(),
            flags: flag ? Flags((SettingKeys.HttpPort, "7003")) : null);

        Assert.Equal(expectedPort, settings.HttpPort);
    }

    [Fact]
    public void Flat_and_nested_yaml_keys_mean_the_same()
    {
        var flat = Load(Yaml("api.enabled: false\nhttp.port: 7010\npasty.autodelete.lifetime: 2h\n"));
        var nested = Load(Yaml("api:\n  enabled: false\nhttp:\n  port: 7010\npasty:\n  autodelete:\n    lifetime: 2h\n"));

        Assert.False(flat.ApiEnabled);
        Assert.Equal(7010, flat.HttpPort);
        Assert.Equal(TimeSpan.FromHours(2), flat.Pasty.AutodeleteLifetime);
        Assert.Equal(Flatten(flat), Flatten(nested));
    }

    [Fact]
    public void Yaml_may_mix_nesting_and_dotted_keys()
    {
        var settings = Load(Yaml("pasty:\n  autodelete.enabled: true\n  reports.timeout: 45s\n"));

        Assert.True(settings.Pasty.AutodeleteEnabled);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Pasty.ReportsTimeout);
    }

    [Fact]
    public void Yaml_list_gives_the_trusted_proxies()
    {
        var fromList = Load(Yaml("http.trusted-proxies:\n  - 10.0.0.0/8\n  - 192.168.1.7\n"));
        var fromEnv = Load(env: Env(("OG_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7")));

        Assert.Equal(["10.0.0.0/8", "192.168.1.7/32"], fromList.TrustedProxies.Select(n => n.ToString()));
        Assert.Equal(Flatten(fromEnv), Flatten(fromList));
    }

    [Fact]
    public void Relative_db_uri_is_under_home_and_absolute_stays()
    {
        var relative = Load(Yaml("opengist-home: /srv/pl\ndb-uri: data/x.db\n"));
        var absolute = Load(Yaml("opengist-home: /srv/pl\ndb-uri: /var/lib/pl.db\n"));

        Assert.Equal("/srv/pl/data/x.db", relative.DatabasePath);
        Assert.Equal("/var/lib/pl.db", absolute.DatabasePath);
    }

    [Theory]
    [InlineData("PASTY_ID_LENGTH", "9")]
    [InlineData("PASTY_PASTE_ID_LENGTH", "9")]
    public void Pasty_alias_sets_the_pasty_key(string alias, string value)
    {
        var settings = Load(env: Env((alias, value)));

        Assert.Equal(int.Parse(value), settings.Pasty.IdLength);
    }

    [Fact]
    public void Pasty_aliases_reach_admin_token_length_cap_autodelete_and_webhook()
    {
        var settings = Load(env: Env(
            ("PASTY_MODIFICATION_TOKEN_MASTER", "master-secret"),
            ("PASTY_LENGTH_CAP", "1234"),
            ("PASTY_AUTODELETE", "true"),
            ("PASTY_REPORT_WEBHOOK", "https://hooks.example.org/report")));

        Assert.Equal("master-secret", settings.Pasty.AdminToken);
        Assert.Equal(1234, settings.Pasty.LengthCap);
        Assert.True(settings.Pasty.AutodeleteEnabled);
        Assert.Equal("https://hooks.example.org/report", settings.Pasty.ReportsWebhook);
    }

    [Fact]
    public void OG_variable_wins_over_the_pasty_alias_and_the_alias_over_yaml()
    {
        var file = Yaml("pasty.id-length: 7\n");

        Assert.Equal(8, Load(file, Env(("PASTY_ID_LENGTH", "8"))).Pasty.IdLength);
        Assert.Equal(9, Load(file, Env(("PASTY_ID_LENGTH", "8"), ("OG_PASTY_ID_LENGTH", "9"))).Pasty.IdLength);
        Assert.Equal(10, Load(file, Env(("PASTY_ID_LENGTH", "8")), Flags((SettingKeys.PastyIdLength, "10"))).Pasty.IdLength);
    }

    [Fact]
    public void Empty_environment_values_are_ignored()
    {
        var file = Yaml("http.port: 7001\n");

        Assert.Equal(7001, Load(file, Env(("OG_HTTP_PORT", ""))).HttpPort);
        Assert.Equal(6, Load(env: Env(("PASTY_ID_LENGTH", ""))).Pasty.IdLength);
        Assert.Equal(8, Load(env: Env(("PASTY_ID_LENGTH", "8"), ("OG_PASTY_ID_LENGTH", ""))).Pasty.IdLength);
    }

    [Fact]
    public void Unknown_OG_variable_gives_a_warning_naming_it()
    {
        var (settings, warnings) = LoadWithWarnings(env: Env(("OG_API_ENABLD", "false"), ("PATH", "/bin"), ("OG_HTTP_PORT", "7005")));

        var warning = Assert.Single(warnings);
        Assert.Contains("OG_API_ENABLD", warning);
        Assert.True(settings.ApiEnabled);
        Assert.Equal(7005, settings.HttpPort);
    }

    [Fact]
    public void Unknown_yaml_key_gives_a_warning_naming_the_file_line()
    {
        var file = Yaml("http.port: 7001\n\napi.enabld: false\n");

        var (settings, warnings) = LoadWithWarnings(file);

        var warning = Assert.Single(warnings);
        Assert.Contains(Path.GetFileName(file), warning);
        Assert.Contains("line 3", warning);
        Assert.Contains("api.enabld", warning);
        Assert.Equal(7001, settings.HttpPort);
        Assert.True(settings.ApiEnabled);
    }

    [Fact]
    public void A_key_set_twice_in_yaml_warns_and_the_later_line_wins()
    {
        var file = Yaml("api.enabled: false\nhttp.port: 7002\napi:\n  enabled: true\n");

        var (settings, warnings) = LoadWithWarnings(file);

        var warning = Assert.Single(warnings);
        Assert.Contains("api.enabled", warning);
        Assert.Contains("line 4", warning);
        Assert.Contains("line 1", warning);
        Assert.True(settings.ApiEnabled);
    }

    [Fact]
    public void Empty_yaml_file_means_defaults()
    {
        Assert.Equal(Flatten(Load()), Flatten(Load(Yaml("# nothing set\n"))));
    }
}
