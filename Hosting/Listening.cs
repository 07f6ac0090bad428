using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PasteLite.Config;

namespace PasteLite.Hosting;

internal static class Listening
{
    /// <summary>Binds Kestrel to http.host:http.port: an IP, `localhost`, or an absolute path for a Unix socket.</summary>
    public static void ListenOn(this IWebHostBuilder web, Settings settings) => web.ConfigureKestrel(kestrel =>
    {
        kestrel.AddServerHeader = false;
        Limits.Configure(kestrel.Limits, settings);
        var host = settings.HttpHost;
        if (host.StartsWith('/')) kestrel.ListenUnixSocket(host);
        else if (host == "localhost") kestrel.ListenLocalhost(settings.HttpPort);
        else kestrel.Listen(IPAddress.Parse(host), settings.HttpPort);
        Metrics.ListenForMetrics(kestrel, settings); // metrics.enabled: a second listener for GET /metrics
    });

    /// <summary>The addresses actually bound (port 0 resolved), for the start-up line.</summary>
    public static IReadOnlyCollection<string> BoundAddresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>Kestrel reports a taken port as an IOException around an "address in use" socket error.</summary>
    public static bool IsAddressInUse(Exception e) =>
        e is IOException && (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                             || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
}
