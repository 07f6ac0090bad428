using System.Net;
using System.Net.Sockets;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>Configuration as the published binary reads it: precedence and the exit-2 failures.</summary>
public sealed class ConfigProcessTests
{
    private static int PortOf(PasteLiteProcess server) => server.BaseUrl.Port;

    [Fact]
    public async Task Flag_beats_environment_beats_yaml_beats_default()
    {
        using var home = new TestHome();
        int yamlPort = FreePorts.Loopback(), envPort = FreePorts.Loopback(), flagPort = FreePorts.Loopback();
        var config = home.WriteFile("config.yml", $"http:\n  host: 127.0.0.1\nhttp.port: {yamlPort}\n");
        var env = new Dictionary<string, string> { ["OG_HTTP_PORT"] = envPort.ToString() };

        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, ["--config", config], anyFreePort: false))
            Assert.Equal(yamlPort, PortOf(server));
        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, ["--config", config], env, anyFreePort: false))
            Assert.Equal(envPort, PortOf(server));
        await using (var server = await PasteLiteProcess.StartServerAsync(home.Path, ["-c", config, "--port", flagPort.ToString()], env, anyFreePort: false))
            Assert.Equal(flagPort, PortOf(server));
    }

    [Theory]
    [InlineData("OG_API_ENABLED", "maybe", "api.enabled")]
    [InlineData("OG_HTTP_PORT", "-1", "http.port")]
    [InlineData("PASTY_RATE_LIMIT", "lots", "pasty.rate-limit")]
    public async Task A_bad_environment_value_exits_2_naming_key_and_variable(string variable, string value, string key)
    {
        using var home = new TestHome();

        var result = await PasteLiteProcess.RunAsync(["--home", home.Path],
            env: new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line);
        Assert.Contains(variable, line);
        Assert.DoesNotContain("listening", result.Out);
    }

    [Fact]
    public async Task A_yaml_syntax_error_exits_2_naming_the_line()
    {
        using var home = new TestHome();
        var config = home.WriteFile("broken.yml", "api.enabled: true\nhttp.port: [6157\nlog-level: info\n");

        var result = await PasteLiteProcess.RunAsync(["serve", "--home", home.Path, "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"broken\.yml line \d+", result.Error);
    }

    [Fact]
    public async Task An_unreadable_config_file_exits_2_naming_it()
    {
        using var home = new TestHome();
        var missing = Path.Join(home.Path + "-nowhere", "config.yml");

        var result = await PasteLiteProcess.RunAsync(["--home", home.Path, "--config", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Error);
    }

    [Fact]
    public async Task A_home_that_cannot_be_created_exits_2_naming_it()
    {
        using var home = new TestHome();
        var blocker = home.WriteFile("a-file", "not a directory");

        var result = await PasteLiteProcess.RunAsync(["--home", Path.Join(blocker, "home"), "--port", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Join(blocker, "home"), result.Error);
    }

    [Fact]
    public async Task A_bad_value_in_yaml_names_the_file_line()
    {
        using var home = new TestHome();
        var config = home.WriteFile("config.yml", "log-level: info\napi:\n  enabled: sometimes\n");

        var result = await PasteLiteProcess.RunAsync(["--home", home.Path, "-c", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("api.enabled", result.Error);
        Assert.Contains("config.yml line 3", result.Error);
    }
}
