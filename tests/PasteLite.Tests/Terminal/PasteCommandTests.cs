using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Terminal;

/// <summary>`pastelite paste` run in-process against the real app on a local port.</summary>
public sealed class PasteCommandTests
{
    [Fact]
    public async Task A_file_is_uploaded_byte_for_byte_and_its_url_printed()
    {
        using var home = new TestHome();
        var (app, url) = await home.StartListeningAsync();
        await using var _ = app;
        var file = home.WriteFile("notes.bin", "");
        await File.WriteAllBytesAsync(file, TerminalTestSupport.AwkwardBytes);

        var result = await Task.Run(() => CliRunner.Run(["paste", file, "--server", url]));

        Assert.Equal(0, result.ExitCode);
        var pasteUrl = Assert.Single(result.OutLines);
        Assert.Matches($"^{url}/[A-Za-z0-9]{{6}}$", pasteUrl);
        Assert.Equal(pasteUrl + "\n", result.Out);
        Assert.Matches("^modification token: [A-Za-z0-9]{12} \\(delete: curl -X DELETE", Assert.Single(result.ErrorLines));
        using var http = new HttpClient();
        Assert.Equal(TerminalTestSupport.AwkwardBytes, await http.GetByteArrayAsync(pasteUrl));
    }

    [Fact]
    public async Task Standard_input_options_and_the_server_variable()
    {
        using var home = new TestHome();
        var (app, url) = await home.StartListeningAsync();
        await using var _ = app;

        var result = await Task.Run(() => CliRunner.Run(["paste", "-", "--expire", "10m", "--burn"], "from stdin\n",
            new Dictionary<string, string> { ["PASTELITE_SERVER"] = url + "/" }));

        Assert.Equal(0, result.ExitCode);
        var id = result.Out.Trim()[^6..];
        Assert.InRange(home.ExpiresAt(id)!.Value - PastyTestSupport.Now, 598, 601);
        Assert.Equal(1, home.BurnFlag(id));
        using var http = new HttpClient();
        Assert.Equal("from stdin\n", await http.GetStringAsync(result.Out.Trim()));
    }

    [Fact]
    public async Task A_refusal_is_exit_1_with_the_servers_reason()
    {
        using var home = new TestHome();
        var (app, url) = await home.StartListeningAsync((SettingKeys.PastyLengthCap, "4"), (SettingKeys.PastyMaxExpiry, "1h"));
        await using var _ = app;

        var tooLarge = await Task.Run(() => CliRunner.Run(["paste", "--server", url], "12345"));
        var tooLong = await Task.Run(() => CliRunner.Run(["paste", "--server", url, "--expire", "2h"], "1"));
        var empty = await Task.Run(() => CliRunner.Run(["paste", "--server", url], ""));

        Assert.Equal(1, tooLarge.ExitCode);
        Assert.Equal($"pastelite: {url}/ refused the paste (413: too large paste content)", Assert.Single(tooLarge.ErrorLines));
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Equal($"pastelite: {url}/ refused the paste (400: expiry 2h is longer than this server allows (1h))", Assert.Single(tooLong.ErrorLines));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("(400: missing paste content)", empty.Error);
        Assert.Empty(tooLarge.Out);
    }

    [Fact]
    public async Task A_token_opens_a_server_that_requires_one()
    {
        using var home = new TestHome();
        var token = home.UserWithToken("carol", "gist:write");
        var (app, url) = await home.StartListeningAsync((SettingKeys.PastyRequireToken, "true"));
        await using var _ = app;

        var refused = await Task.Run(() => CliRunner.Run(["paste", "--server", url], "x"));
        var allowed = await Task.Run(() => CliRunner.Run(["paste", "--server", url, "--token", token], "x"));
        var fromEnv = await Task.Run(() => CliRunner.Run(["paste", "--server", url], "x", new Dictionary<string, string> { ["PASTELITE_TOKEN"] = token }));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("(401: unauthorized: this server needs a personal access token with gist:write", refused.Error);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(0, fromEnv.ExitCode);
        Assert.Equal(2, TestDatabase.Scalar<long>(home.DatabasePath, "SELECT count(*) FROM pastes WHERE owner_id IS NOT NULL"));
    }

    [Theory]
    [InlineData(new[] { "paste" }, "pastelite: paste needs --server URL (or $PASTELITE_SERVER)")]
    [InlineData(new[] { "paste", "--server", "localhost:6157" }, "pastelite: invalid --server \"localhost:6157\": expected an http:// or https:// URL")]
    [InlineData(new[] { "paste", "--server", "ftp://x" }, "pastelite: invalid --server \"ftp://x\": expected an http:// or https:// URL")]
    [InlineData(new[] { "paste", "--server", "http://127.0.0.1:1", "--expire", "soon" }, "pastelite: invalid --expire \"soon\": use a positive duration such as 30s, 10m, 1h or 7d")]
    [InlineData(new[] { "paste", "a", "b", "--server", "http://127.0.0.1:1" }, null)]
    [InlineData(new[] { "paste", "--server" }, null)]
    public void Usage_errors_are_exit_2_and_send_nothing(string[] args, string? message)
    {
        var result = CliRunner.Run(args, "content");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        if (message is not null) Assert.Equal(message, line);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void An_unreachable_server_or_unreadable_file_is_exit_1()
    {
        using var home = new TestHome();

        var unreachable = CliRunner.Run(["paste", "--server", "http://127.0.0.1:1"], "x");
        var missing = CliRunner.Run(["paste", Path.Join(home.Path, "no-such-file"), "--server", "http://127.0.0.1:1"]);

        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("pastelite: cannot reach http://127.0.0.1:1/: ", Assert.Single(unreachable.ErrorLines));
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("pastelite: cannot read ", Assert.Single(missing.ErrorLines));
    }

    [Fact]
    public void Help_lists_the_paste_command()
    {
        var help = CliRunner.Run(["--help"]);

        Assert.Contains("paste", help.Out);
        Assert.Contains("--server", CliRunner.Run(["paste", "--help"]).Out);
    }
}
