using System.Diagnostics;
using PasteLite.Auth;
using PasteLite.Data;
using PasteLite.Tests.Support;

namespace PasteLite.Tests;

/// <summary>`pastelite admin set | get`, and management commands next to a running server.</summary>
public sealed class CliAdminTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Set_then_get_prints_the_new_value()
    {
        var set = CliRunner.Run(_home, "admin", "set", "require-login", "true");
        var get = CliRunner.Run(_home, "admin", "get", "require-login");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal(["true"], get.OutLines);
        Assert.Equal("1", TestDatabase.Scalar<string>(_home.DatabasePath, "SELECT value FROM admin_settings WHERE key = 'require-login'"));
    }

    [Fact]
    public void Set_false_turns_a_setting_off_again()
    {
        Assert.Equal(0, CliRunner.Run(_home, "admin", "set", "disable-signup", "true").ExitCode);
        Assert.Equal(0, CliRunner.Run(_home, "admin", "set", "disable-signup", "false").ExitCode);

        Assert.Equal(["false"], CliRunner.Run(_home, "admin", "get", "disable-signup").OutLines);
    }

    [Fact]
    public void Get_without_a_key_prints_every_setting_as_key_value()
    {
        Assert.Equal(0, CliRunner.Run(_home, "admin", "set", "allow-gists-without-login", "true").ExitCode);

        var result = CliRunner.Run(_home, "admin", "get");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            AdminSettings.Keys.Select(k => $"{k}={(k == AdminSettings.AllowGistsWithoutLoginKey ? "true" : "false")}").Order(),
            result.OutLines.Order());
    }

    [Theory]
    [InlineData("get", "require-logins")]
    [InlineData("set", "signup", "true")]
    public void Unknown_key_exits_2(params string[] args)
    {
        var result = CliRunner.Run(_home, ["admin", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(args[1], Assert.Single(result.ErrorLines));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Value_that_is_not_a_boolean_exits_2_and_changes_nothing()
    {
        var result = CliRunner.Run(_home, "admin", "set", "require-login", "maybe");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("maybe", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(_home.DatabasePath)
            && TestDatabase.Scalar<string>(_home.DatabasePath, "SELECT value FROM admin_settings WHERE key = 'require-login'") != "0");
    }

    [Fact]
    public async Task Running_server_sees_a_cli_change_within_two_seconds()
    {
        await using var server = await InProcessServer.StartAsync(_home);
        var store = server.Get<AdminSettingsStore>();
        Assert.False(store.Current.RequireLogin);

        var set = CliRunner.Run(_home, "admin", "set", "require-login", "true");
        Assert.Equal(0, set.ExitCode);

        var clock = Stopwatch.StartNew();
        while (!store.Current.RequireLogin && clock.Elapsed < TimeSpan.FromSeconds(2))
            await Task.Delay(100);
        Assert.True(store.Current.RequireLogin, $"still false after {clock.Elapsed}");
        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(2.1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Cli_commands_work_while_the_server_holds_the_database()
    {
        await using var server = await InProcessServer.StartAsync(_home);
        // The server has written through its own connections (WAL and shared memory are open).
        server.Get<AdminSettingsStore>().Set(AdminSettings.DisableSignupKey, true);

        var user = CliRunner.RunWithStdin(_home, "pw\n", "user", "create", "alice", "--password-stdin");
        var token = CliRunner.Run(_home, "token", "create", "ci", "--user", "alice", "--scopes", "gist:write");

        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.True(token.ExitCode == 0, token.ToString());
        var row = server.Get<AccessTokenStore>().FindByHash(AccessTokens.Hash(Assert.Single(token.OutLines)));
        Assert.NotNull(row);
        Assert.Equal(server.Get<UserStore>().FindByName("alice")!.Id, row.UserId);
        Assert.Equal(["true"], CliRunner.Run(_home, "admin", "get", "disable-signup").OutLines);
    }
}
