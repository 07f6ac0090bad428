using PasteLite.Config;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>The command line's parse contract: help, version, usage errors (exit 2, one line) and config errors.</summary>
public sealed class CliParseTests : IDisposable
{
    // Short enough that a command which wrongly starts a server is cut off and fails the timing assertion.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    /// <summary>An environment whose HOME is inside the test's temp folder, so a default home would land there.</summary>
    private Dictionary<string, string> SandboxEnv() => new() { ["HOME"] = _home.Path };

    private CliResult Run(params string[] args) => CliRunner.Run(args, env: SandboxEnv(), limit: Limit);

    private static void AssertUsageError(CliResult result)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("pastelite: ", line);
        Assert.True(result.Elapsed < AtOnce, $"took {result.Elapsed}");
    }

    [Fact]
    public void Version_prints_the_app_version()
    {
        var result = Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(AppInfo.Version, Assert.Single(result.OutLines));
    }

    [Fact]
    public void Version_prints_one_version_line_and_exits_0()
    {
        var result = Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", Assert.Single(result.OutLines));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(new[] { "serve", "user", "token", "admin" },
            command => Assert.Matches($@"(?m)^\s+{command}\s", result.Out));
        Assert.Contains("--config", result.Out);
        Assert.Contains("--home", result.Out);
    }

    [Fact]
    public void Unknown_command_is_one_usage_line_and_starts_nothing()
    {
        var result = Run("bogus");

        AssertUsageError(result);
        Assert.Contains("bogus", result.Error);
        Assert.False(Directory.Exists(_home.Path), "no home should be created");
    }

    [Fact]
    public void User_create_without_a_name_is_a_usage_error()
    {
        AssertUsageError(CliRunner.RunWithStdin(_home, "pw\n", "user", "create", "--password-stdin"));
        Assert.False(Directory.Exists(_home.Path));
    }

    [Fact]
    public void Token_create_without_user_is_a_usage_error()
    {
        var result = CliRunner.Run(_home, "token", "create", "x");

        AssertUsageError(result);
        Assert.Contains("--user", result.Error);
        Assert.False(Directory.Exists(_home.Path));
    }

    [Fact]
    public void Serve_with_a_negative_port_names_http_port_and_never_starts()
    {
        var result = Run("serve", "--port=-1", "--home", _home.Path);

        AssertUsageError(result);
        Assert.Contains(SettingKeys.HttpPort, result.Error);
        Assert.Contains("--port", result.Error);
        Assert.False(Directory.Exists(_home.Path), "the home is prepared only after the settings are valid");
    }

    [Fact]
    public void Serve_with_a_missing_config_file_is_a_usage_error()
    {
        var missing = Path.Join(Path.GetTempPath(), "pastelite-tests", Guid.NewGuid().ToString("N") + ".yml");

        var result = Run("serve", "--home", _home.Path, "--config", missing);

        AssertUsageError(result);
        Assert.Contains(missing, result.Error);
    }

    [Fact]
    public void Serve_with_an_uncreatable_home_is_a_usage_error()
    {
        var file = _home.WriteFile("plain-file", "x");

        var result = Run("serve", "--port", "0", "--home", Path.Join(file, "home"));

        AssertUsageError(result);
        Assert.Contains(Path.Join(file, "home"), result.Error);
    }

    [Fact]
    public void Invalid_env_value_stops_a_command_naming_the_variable()
    {
        var env = SandboxEnv();
        env["OG_SQLITE_JOURNAL_MODE"] = "FAST";

        var result = CliRunner.Run(["user", "list", "--home", _home.Path], env: env, limit: Limit);

        AssertUsageError(result);
        Assert.Contains("OG_SQLITE_JOURNAL_MODE", result.Error);
    }

    [Fact]
    public void Unknown_env_variable_is_a_warning_on_stderr_and_the_command_runs()
    {
        var env = SandboxEnv();
        env["OG_API_ENABLD"] = "false";

        var result = CliRunner.Run(["admin", "get", "--home", _home.Path], env: env, limit: Limit);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("pastelite: warning:") && l.Contains("OG_API_ENABLD"));
        Assert.Equal(3, result.OutLines.Length);
    }

    [Fact]
    public void Management_commands_follow_the_config_file()
    {
        var config = _home.WriteFile("config.yml", "db-uri: elsewhere.db\n");

        var result = CliRunner.Run(["token", "list", "--user", "nobody", "-c", config, "--home", _home.Path], limit: Limit);

        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(Path.Join(_home.Path, "elsewhere.db")));
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Fact]
    public void Default_home_comes_from_HOME_in_the_environment()
    {
        var result = Run("admin", "get");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Join(_home.Path, ".pastelite", "pastelite.db")));
    }
}
