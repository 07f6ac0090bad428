using System.Text.RegularExpressions;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The management commands as the published binary runs them, also while a server holds the database.</summary>
public sealed class CliProcessTests
{
    private static Task<ProcessResult> Cli(TestHome home, string? stdin, params string[] args) =>
        PasteLiteProcess.RunAsync([.. args, "--home", home.Path], stdin);

    [Fact]
    public async Task Version_help_and_unknown_commands()
    {
        var version = await PasteLiteProcess.RunAsync(["--version"]);
        var help = await PasteLiteProcess.RunAsync(["--help"]);
        var unknown = await PasteLiteProcess.RunAsync(["frobnicate"]);

        Assert.Equal((0, AppInfo.Version), (version.ExitCode, version.Out.Trim()));
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "serve", "user", "token", "admin" })
            Assert.Matches($@"(?m)^\s+{command}\s", help.Out);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("frobnicate", Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(unknown.Out);
    }

    [Fact]
    public async Task Users_tokens_and_admin_settings_while_the_server_runs()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);

        var created = await Cli(home, "correct horse\n", "user", "create", "alice", "--password-stdin", "--email", "Alice@Example.org", "--admin");
        var token = await Cli(home, null, "token", "create", "laptop", "--user", "alice", "--scopes", "gist:write,user:read", "--expires", "2099-06-30");
        var tokens = await Cli(home, null, "token", "list", "--user", "alice");
        var users = await Cli(home, null, "user", "list");
        var set = await Cli(home, null, "admin", "set", "require-login", "true");
        var get = await Cli(home, null, "admin", "get", "require-login");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, token.ExitCode);
        Assert.Matches(new Regex("^og_[0-9a-f]{64}$"), token.Out.TrimEnd('\n'));
        Assert.Contains("laptop", tokens.Out);
        Assert.Contains("gist:write,user:read", tokens.Out);
        Assert.Contains("2099-06-30", tokens.Out);
        Assert.DoesNotContain(token.Out.Trim(), tokens.Out);
        Assert.Contains("alice@example.org", users.Out);
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("true", get.Out.Trim());
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task Revoke_and_delete_report_what_is_missing()
    {
        using var home = new TestHome();
        await Cli(home, "pw\n", "user", "create", "bob", "--password-stdin");
        await Cli(home, null, "token", "create", "one", "--user", "bob");

        var revoke = await Cli(home, null, "token", "revoke", "1");
        var again = await Cli(home, null, "token", "revoke", "1");
        var delete = await Cli(home, null, "user", "delete", "bob");
        var missing = await Cli(home, null, "user", "delete", "bob");
        var duplicate = await Cli(home, "pw\n", "user", "create", "carol", "--password-stdin");
        var duplicate2 = await Cli(home, "pw\n", "user", "create", "CAROL", "--password-stdin");

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("bob", missing.Error);
        Assert.Equal(0, duplicate.ExitCode);
        Assert.Equal(1, duplicate2.ExitCode);
    }
}
