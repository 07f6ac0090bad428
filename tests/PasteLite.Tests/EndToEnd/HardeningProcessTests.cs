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
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A body of unknown length: sent chunked, so only the server's reading can stop it.</summary>
    private sealed class Chunked(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

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

        var chunked = await http.PostAsync("/-/login", new Chunked(Encoding.ASCII.GetBytes("username=a&password=" + new string('p', 3 << 20)))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("Too large", await chunked.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthcheck")).StatusCode);
        Assert.False(server.HasExited);
    }

    [Fact]
    public async Task Metrics_are_served_on_their_own_port()
    {
        using var home = new TestHome();
        var port = FreePort();
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
