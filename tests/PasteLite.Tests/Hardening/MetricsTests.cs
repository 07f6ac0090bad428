using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PasteLite.Config;
using PasteLite.Tests.Pasty;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Hardening;

/// <summary>metrics.enabled: Prometheus text on the metrics port only (the TestServer has no ports; X-Test-Port plays the local port).</summary>
public sealed class MetricsTests
{
    private sealed class PortFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (int.TryParse(context.Request.Headers["X-Test-Port"], out var port)) context.Connection.LocalPort = port;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static Task<InProcessServer> Start(TestHome home, bool enabled) =>
        InProcessServer.StartAsync(home, new Dictionary<string, string>
        {
            [SettingKeys.PastyRateLimit] = "off",
            [SettingKeys.MetricsEnabled] = enabled ? "true" : "false",
            [SettingKeys.MetricsPort] = "6158",
        }, b => b.Services.AddSingleton<IStartupFilter>(new PortFromHeader()));

    private static Task<HttpResponseMessage> Send(InProcessServer server, HttpMethod method, string path, int port)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Test-Port", port.ToString());
        return server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Counts_requests_by_route_and_status_with_a_histogram_and_stored_totals()
    {
        using var home = new TestHome();
        await using var server = await Start(home, enabled: true);
        var paste = await server.Client.CreatePasteAsync();
        await server.Client.GetAsync($"/api/v2/pastes/{paste.Id}");
        await server.Client.GetAsync($"/api/v2/pastes/{paste.Id}");
        await server.Client.GetAsync("/api/v2/pastes/nope");

        var response = await Send(server, HttpMethod.Get, "/metrics", 6158);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE pastelite_http_requests_total counter\n", text);
        Assert.Contains("pastelite_http_requests_total{method=\"POST\",route=\"/api/v2/pastes\",status=\"201\"} 1\n", text);
        Assert.Contains("pastelite_http_requests_total{method=\"GET\",route=\"/api/v2/pastes/{id}\",status=\"200\"} 2\n", text);
        Assert.Contains("pastelite_http_requests_total{method=\"GET\",route=\"/api/v2/pastes/{id}\",status=\"404\"} 1\n", text);
        Assert.Contains("# TYPE pastelite_http_request_duration_seconds histogram\n", text);
        Assert.Contains("pastelite_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n", text);
        Assert.Contains("pastelite_http_request_duration_seconds_count 4\n", text);
        Assert.Contains("pastelite_pastes 1\n", text);
        Assert.Contains("pastelite_gists 0\n", text);
        Assert.Matches(@"pastelite_database_bytes [1-9]\d*\n", text);
        // Every sample line is `name{labels} value` or `name value`.
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            Assert.Matches("""^[a-z_]+(\{([a-z_]+="[^"]*",?)+\})? [0-9.e+-]+$""", line);
    }

    [Fact]
    public async Task The_metrics_port_serves_only_get_metrics_and_the_main_port_never_does()
    {
        using var home = new TestHome();
        await using var server = await Start(home, enabled: true);

        Assert.Equal(HttpStatusCode.NotFound, (await Send(server, HttpMethod.Get, "/", 6158)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(server, HttpMethod.Get, "/healthcheck", 6158)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(server, HttpMethod.Post, "/metrics", 6158)).StatusCode);
        var main = await server.Client.GetAsync("/metrics");
        Assert.DoesNotContain("pastelite_http_requests_total", await main.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_by_default_nothing_is_served()
    {
        using var home = new TestHome();
        await using var server = await Start(home, enabled: false);
        var response = await Send(server, HttpMethod.Get, "/metrics", 6158);
        Assert.DoesNotContain("pastelite_http_requests_total", await response.Content.ReadAsStringAsync());
    }
}
