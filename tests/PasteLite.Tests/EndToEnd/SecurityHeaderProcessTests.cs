using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using PasteLite.Tests.Hardening;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The security headers where only the real server can tell: Kestrel's own body limit, and the metrics listener.</summary>
public sealed class SecurityHeaderProcessTests
{
    [Fact]
    public async Task Kestrel_errors_and_the_metrics_listener_carry_the_security_headers()
    {
        using var home = new TestHome();
        var token = (await PasteLiteProcess.RunAsync(["user", "create", "big", "--password-stdin", "--home", home.Path], "pw\n")).ExitCode == 0
            ? (await PasteLiteProcess.RunAsync(["token", "create", "t", "--user", "big", "--scopes", "gist:write", "--home", home.Path])).Out.Trim()
            : throw new InvalidOperationException("user create failed");
        var metricsPort = FreePorts.Loopback();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["OG_HTTP_MAX_BODY_SIZE"] = "65536", ["OG_METRICS_ENABLED"] = "true",
            ["OG_METRICS_HOST"] = "127.0.0.1", ["OG_METRICS_PORT"] = metricsPort.ToString(),
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/gists")
        {
            Content = new ChunkedContent(Encoding.UTF8.GetBytes("{\"files\":{\"a.txt\":{\"content\":\"" + new string('x', 100_000) + "\"}}}"))
            { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var tooLarge = await http.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        tooLarge.AssertSecurityHeaders("413 chunked api");

        var notAllowed = await http.PutAsync("/healthcheck", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed.StatusCode);
        notAllowed.AssertSecurityHeaders("405");

        var metrics = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        metrics.AssertSecurityHeaders("metrics");
        var elsewhere = await http.GetAsync($"http://127.0.0.1:{metricsPort}/healthcheck");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        elsewhere.AssertSecurityHeaders("metrics port 404");
    }
}
