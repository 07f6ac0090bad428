using System.Net;
using PasteLite.Config;

namespace PasteLite.Hosting;

/// <summary>
/// The client's IP address: the TCP peer, or, when the peer is a trusted proxy (http.trusted-proxies),
/// the nearest X-Forwarded-For hop that is not itself a trusted proxy. Shared by every surface that keys on it.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The client address of a request, judged by the settings' trusted proxies; null when unknown (in-memory test hosts).</summary>
    public static IPAddress? Of(HttpContext context, Settings settings) =>
        Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"], settings.TrustedProxies);

    /// <summary>
    /// Walks X-Forwarded-For from the right (the hop our proxy added last) past trusted proxies; an untrusted
    /// peer's header is ignored, since anyone can send one. An unreadable entry ends the walk at the last good hop.
    /// </summary>
    public static IPAddress? Resolve(IPAddress? peer, IEnumerable<string?> forwardedFor, IReadOnlyList<IPNetwork> trustedProxies)
    {
        if (peer is null) return null;
        var client = Normalize(peer);
        if (!IsTrusted(client, trustedProxies)) return client;

        var hops = forwardedFor
            .SelectMany(h => (h ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            if (TryParseHop(hops[i]) is not { } hop) return client;
            client = hop;
            if (!IsTrusted(client, trustedProxies)) return client;
        }
        return client;
    }

    /// <summary>True when the TCP peer is one of http.trusted-proxies, so its X-Forwarded-* headers may be believed.</summary>
    public static bool PeerIsTrustedProxy(HttpContext context, Settings settings) =>
        context.Connection.RemoteIpAddress is { } peer && IsTrusted(Normalize(peer), settings.TrustedProxies);

    /// <summary>The address as a stable text key (for rate limiting and logs); "unknown" when there is none.</summary>
    public static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> trustedProxies)
    {
        foreach (var network in trustedProxies)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>A hop is an address, optionally with a port (`1.2.3.4:80`, `[::1]:80`).</summary>
    private static IPAddress? TryParseHop(string hop)
    {
        if (IPAddress.TryParse(hop, out var address)) return Normalize(address);
        return IPEndPoint.TryParse(hop, out var endpoint) ? Normalize(endpoint.Address) : null;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
