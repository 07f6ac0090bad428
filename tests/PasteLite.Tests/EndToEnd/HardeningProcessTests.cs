using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.EndToEnd;

/// <summary>The limits Kestrel itself enforces, and the metrics listener, on dist/pastelite.</summary>
public sealed class HardeningProcessTests
{
    [Fact]
    public async Task Oversized_headers_are_431_and_oversized_bodies_413_in_the_surface_format()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path,
            env: new Dictionary<string, string> { ["OG_HTTP_MAX_BODY_SIZE"] = "65536" });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var huge = new HttpRequestMessage(HttpMethod.Get, "/healthcheck");
        huge.Headers.TryAddWithoutValidation("X-Huge", new string('h', 40_000));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await http.SendAsync(huge)).StatusCode);

        var body = Encoding.UTF8.GetBytes("{\"files\":{\"a.txt\":{\"content\":\"" + new string('x', 100_000) + "\"}}}");
        var declared = await http.PostAsync("/api/gists", new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        using (var error = JsonDocument.Parse(await declared.Content.ReadAsStringAsync()))
            Assert.Equal(413, error.RootElement.GetProperty("status").GetInt32());

        var chunked = await http.PostAsync("/-/login", new ChunkedContent(Encoding.ASCII.GetBytes("username=a&password=" + new string('p', 3 << 20)))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("Too large", await chunked.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthcheck")).StatusCode);
        Assert.False(server.HasExited);
    }

    /// <summary>
    /// A handler that answers before reading a body longer than its route's limit (the report route's 64 KiB for an
    /// unknown paste): Kestrel will not read that rest, it closes the connection, so the answer must say Connection: close or
    /// the client's next request on it gets no answer (the fuzzer's "response ended prematurely"). A small unread body
    /// is read by Kestrel and the connection stays open.
    /// </summary>
    [Fact]
    public async Task An_answer_that_leaves_a_body_too_long_to_drain_closes_the_connection_and_says_so()
    {
        using var home = new TestHome();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["OG_PASTY_REPORTS_ENABLED"] = "true", ["OG_PASTY_REPORTS_WEBHOOK"] = "http://192.0.2.1/report",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var big = new string('x', 300_000); // past the report route's 64 KiB and pasty's default length cap

        var unknown = await http.PostAsync("/api/v2/pastes/nosuch/report", new StringContent(big));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(unknown.Headers.ConnectionClose, "404 before reading a 300 KB body without Connection: close");

        // Within the route's limit the rest is read after the answer and the connection stays: the terminal answers 413
        // past pasty.length-cap (50,000 bytes) from Content-Length, and its route takes the cap + 1 MiB.
        var drained = await http.PostAsync("/", new StringContent(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, drained.StatusCode);
        Assert.Equal("too large paste content\n", await drained.Content.ReadAsStringAsync());
        Assert.NotEqual(true, drained.Headers.ConnectionClose);

        var chunked = await http.PostAsync("/api/v2/pastes/nosuch/report", new ChunkedContent(Encoding.UTF8.GetBytes(big)));
        Assert.Equal(HttpStatusCode.NotFound, chunked.StatusCode);
        Assert.True(chunked.Headers.ConnectionClose, "404 before reading a chunked body without Connection: close");

        var small = await http.PostAsync("/api/v2/pastes/nosuch/report", new StringContent("{\"reason\":\"spam\"}"));
        Assert.Equal(HttpStatusCode.NotFound, small.StatusCode);
        Assert.NotEqual(true, small.Headers.ConnectionClose);

        // Many in a row on kept-alive connections: every one answered.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/v2/pastes/nosuch/report", new StringContent(big))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthcheck")).StatusCode);
        }
    }

    [Fact]
    public async Task Metrics_are_served_on_their_own_port()
    {
        using var home = new TestHome();
        var port = FreePorts.Loopback();
        await using var server = await PasteLiteProcess.StartServerAsync(home.Path, env: new Dictionary<string, string>
        {
            ["OG_METRICS_ENABLED"] = "true", ["OG_METRICS_HOST"] = "127.0.0.1", ["OG_METRICS_PORT"] = port.ToString(),
        });
        using var http = new HttpClient();
        var main = server.BaseUrl.Port == port ? throw new InvalidOperationException("main and metrics ports are the same") : server.BaseUrl;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(main, "/healthcheck"))).StatusCode);
        var metrics = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("pastelite_http_requests_total{method=\"GET\",route=\"/healthcheck\",status=\"200\"} 1\n", text);
        Assert.Contains("pastelite_pastes 0\n", text);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/healthcheck")).StatusCode);
    }
}
