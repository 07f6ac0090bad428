using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The published binary as a server: start-up, health, logging, shutdown, and a taken port.</summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task Serves_healthcheck_and_drains_cleanly_on_sigterm()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var get = await http.GetAsync("/healthcheck");
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthcheck"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ok", body.RootElement.GetProperty("database").GetString());
            Assert.Equal(AppInfo.Version, body.RootElement.GetProperty("version").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);

        Assert.Equal(0, await server.TerminateAsync());
        // A clean stop checkpoints the WAL back into the database file.
        var wal = new FileInfo(home.DatabasePath + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, $"WAL left with {(wal.Exists ? wal.Length : 0)} bytes");
    }

    [Fact]
    public async Task Creates_an_owner_only_home_and_database()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.DatabasePath));
        Assert.Equal(64, (await File.ReadAllTextAsync(Path.Join(home.Path, "pastelite-secret.key"))).Trim().Length);
    }

    [Fact]
    public async Task Logs_one_line_per_request_at_info_and_warns_about_unknown_og_variables()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path,
            env: new Dictionary<string, string> { ["OG_LOG_LEVEL"] = "info", ["OG_API_ENABLD"] = "false" });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var response = await http.GetAsync("/healthcheck?token=secret");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        await server.TerminateAsync();

        Assert.Contains(server.Output.Split('\n'), line => line.Contains($"{requestId} GET /healthcheck 200") && line.EndsWith("ms route=/healthcheck"));
        Assert.DoesNotContain("secret", server.Output);
        Assert.Contains(server.Output.Split('\n'), line => line.Contains("OG_API_ENABLD") && line.Contains("warn"));
    }

    [Fact]
    public async Task Stays_quiet_about_requests_at_the_default_warn_level()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        await http.GetAsync("/healthcheck");
        await server.TerminateAsync();

        Assert.DoesNotContain("/healthcheck", server.Output);
    }

    [Fact]
    public async Task A_port_already_in_use_is_a_one_line_error()
    {
        using var home = new TestHome();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString();

        var result = await PasteLiteProcess.RunAsync(["serve", "--home", home.Path, "--host", "127.0.0.1", "--port", port]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.Contains("already in use", line);
    }
}
