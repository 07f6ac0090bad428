using PasteLite.Config;
using static PasteLite.Tests.Support.ConfigLoad;

namespace PasteLite.Tests;

/// <summary>
/// The listeners' rules across keys: the metrics listener needs a port of its own (not http.port), and port 0 (any
/// free port) needs an IP address rather than `localhost`, on either listener.
/// </summary>
public sealed class ListenerConfigTests
{
    [Fact]
    public void Metrics_on_the_http_port_is_refused_naming_both_keys_and_their_origins()
    {
        var error = Rejects(env: Env(("OG_METRICS_ENABLED", "true"), ("OG_METRICS_PORT", "7000")),
            flags: Flags((SettingKeys.HttpPort, "7000")));

        Assert.Equal("invalid metrics.port \"7000\" (from env OG_METRICS_PORT): http.port is 7000 too (from flag --port); "
            + "the metrics listener needs a port of its own, or 0 for any free one", error.Message);
    }

    [Fact]
    public void The_default_metrics_port_as_http_port_is_refused_once_metrics_are_on()
    {
        var error = Rejects(env: Env(("OG_METRICS_ENABLED", "true"), ("OG_HTTP_PORT", "6158")));

        Assert.Contains("invalid metrics.port \"6158\" (from default): http.port is 6158 too (from env OG_HTTP_PORT)", error.Message);
    }

    [Fact]
    public void Metrics_on_a_different_address_but_the_same_port_is_refused_too()
    {
        var error = Rejects(env: Env(("OG_METRICS_ENABLED", "true"), ("OG_METRICS_HOST", "127.0.0.2"), ("OG_METRICS_PORT", "7000"),
            ("OG_HTTP_HOST", "127.0.0.1"), ("OG_HTTP_PORT", "7000")));

        Assert.StartsWith("invalid metrics.port", error.Message);
    }

    [Theory]
    [InlineData("false", "127.0.0.1", "7000", "7000")]  // metrics off: nothing listens there
    [InlineData("true", "/run/pastelite.sock", "7000", "7000")] // a Unix socket has no port
    [InlineData("true", "127.0.0.1", "0", "0")]         // two free ports chosen by the system
    [InlineData("true", "127.0.0.1", "7000", "0")]
    public void These_listener_combinations_load(string metricsEnabled, string httpHost, string httpPort, string metricsPort)
    {
        var settings = Load(env: Env(("OG_METRICS_ENABLED", metricsEnabled), ("OG_METRICS_HOST", "127.0.0.1"),
            ("OG_METRICS_PORT", metricsPort), ("OG_HTTP_HOST", httpHost), ("OG_HTTP_PORT", httpPort)));

        Assert.Equal(int.Parse(metricsPort), settings.Metrics.Port);
    }

    [Fact]
    public void Port_0_on_localhost_is_refused_for_either_listener()
    {
        var http = Rejects(flags: Flags((SettingKeys.HttpHost, "localhost"), (SettingKeys.HttpPort, "0")));
        Assert.Equal("invalid http.port \"0\" (from flag --port): port 0 (any free port) needs an IP address such as 127.0.0.1 "
            + "in http.host, not localhost", http.Message);

        var metrics = Rejects(env: Env(("OG_METRICS_ENABLED", "true"), ("OG_METRICS_HOST", "localhost"), ("OG_METRICS_PORT", "0")));
        Assert.StartsWith("invalid metrics.port \"0\" (from env OG_METRICS_PORT): port 0 (any free port) needs an IP address", metrics.Message);
        Assert.Contains("in metrics.host, not localhost", metrics.Message);
    }
}
