using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>
/// The metrics listener's edge cases on dist/pastelite: metrics.port equal to http.port stops start-up with exit 2
/// and one line; metrics.port 0 listens on a free port the start-up line names; a metrics port held by another
/// process is a one-line exit 1 naming the metrics address.
/// </summary>
public sealed partial class MetricsListenerProcessTests
{
    private static Dictionary<string, string> Metrics(string port) => new()
    {
        ["OG_METRICS_ENABLED"] = "true", ["OG_METRICS_HOST"] = "127.0.0.1", ["OG_METRICS_PORT"] = port,
    };

    [Fact]
    public async Task Metrics_port_equal_to_http_port_exits_2_with_one_line_before_listening()
    {
        using var home = new TestHome();
        var port = FreePorts.Loopback().ToString();

        var result = await PasteLiteProcess.RunAsync(["serve", "--home", home.Path, "--host", "127.0.0.1", "--port", port], env: Metrics(port));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"pastelite: invalid metrics.port \"{port}\" (from env OG_METRICS_PORT): http.port is {port} too (from flag --port); "
            + "the metrics listener needs a port of its own, or 0 for any free one", line);
        Assert.DoesNotContain("listening", result.Out);
    }

    [Fact]
    public async Task Metrics_port_0_listens_on_a_free_port_named_in_the_start_up_line()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: Metrics("0"));

        var match = MetricsUrl().Match(server.Output);
        Assert.True(match.Success, $"no metrics URL in: {server.Output}");
        var metrics = new Uri(match.Groups[1].Value);
        Assert.NotEqual(0, metrics.Port);
        Assert.NotEqual(server.BaseUrl.Port, metrics.Port);
        Assert.Matches(@$"listening on http://127\.0\.0\.1:{server.BaseUrl.Port}, metrics on http://127\.0\.0\.1:{metrics.Port}/metrics$",
            server.Output.Split('\n').Single(l => l.Contains("listening on")));

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.BaseUrl, "/healthcheck"))).StatusCode);
        var scrape = await http.GetAsync(metrics);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("pastelite_http_requests_total{method=\"GET\",route=\"/healthcheck\",status=\"200\"} 1\n", await scrape.Content.ReadAsStringAsync());
        // Each port serves only its own: no app on the metrics port, no metrics on the main one.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(metrics, "/healthcheck"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.BaseUrl, "/metrics"))).StatusCode);
    }

    [Fact]
    public async Task A_metrics_port_in_use_is_a_one_line_error_naming_the_metrics_address()
    {
        using var home = new TestHome();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString();

        var result = await PasteLiteProcess.RunAsync(["serve", "--home", home.Path, "--host", "127.0.0.1", "--port", "0"], env: Metrics(port));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"pastelite: cannot listen on 127.0.0.1:{port} (metrics.host:metrics.port): the address is already in use", line);
    }

    [GeneratedRegex(@"metrics on (http://\S+)")]
    private static partial Regex MetricsUrl();
}
