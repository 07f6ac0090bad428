using System.Net;
using PasteLite.Config;
using PasteLite.Hosting;
using PasteLite.Tests.Support;

namespace PasteLite.Tests.Pasty;

/// <summary>The client IP that rate limiting keys on: X-Forwarded-For is believed only from trusted proxies.</summary>
public sealed class ClientAddressTests
{
    private static readonly IReadOnlyList<IPNetwork> Proxies = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private static string? Resolve(string? peer, params string[] forwardedFor) =>
        ClientAddress.Resolve(peer is null ? null : IPAddress.Parse(peer), forwardedFor, Proxies)?.ToString();

    [Fact]
    public void An_untrusted_peer_is_the_client_whatever_it_forwards() =>
        Assert.Equal("203.0.113.9", Resolve("203.0.113.9", "198.51.100.1"));

    [Fact]
    public void A_trusted_proxy_gives_the_hop_it_forwarded() =>
        Assert.Equal("198.51.100.1", Resolve("10.1.2.3", "198.51.100.1"));

    [Fact]
    public void The_walk_goes_from_the_right_past_trusted_proxies_only() =>
        // 6.6.6.6 was written by the client itself; the first untrusted hop from the right is the real client.
        Assert.Equal("198.51.100.1", Resolve("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9"));

    [Fact]
    public void Several_header_lines_are_read_in_order() =>
        Assert.Equal("198.51.100.7", Resolve("10.1.2.3", "6.6.6.6", "198.51.100.7"));

    [Fact]
    public void A_trusted_proxy_without_the_header_is_the_client() =>
        Assert.Equal("10.1.2.3", Resolve("10.1.2.3"));

    [Fact]
    public void Ports_and_ipv6_brackets_are_understood() =>
        Assert.Equal("2001:db8::1", Resolve("::1", "[2001:db8::1]:443"));

    [Fact]
    public void An_unreadable_hop_stops_at_the_last_good_one() =>
        Assert.Equal("10.1.2.3", Resolve("10.1.2.3", "198.51.100.1, garbage"));

    [Fact]
    public void Ipv4_mapped_ipv6_peers_are_plain_ipv4() =>
        Assert.Equal("198.51.100.1", Resolve("::ffff:10.1.2.3", "198.51.100.1"));

    [Fact]
    public void No_peer_is_unknown() =>
        Assert.Equal("unknown", ClientAddress.Key(ClientAddress.Resolve(null, ["198.51.100.1"], Proxies)));

    [Fact]
    public void Without_trusted_proxies_the_header_is_never_believed()
    {
        using var home = new TestHome();
        var settings = home.Settings();
        Assert.Empty(settings.TrustedProxies);
        Assert.Equal("127.0.0.1", ClientAddress.Resolve(IPAddress.Loopback, ["198.51.100.1"], settings.TrustedProxies)?.ToString());
    }
}
