using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PasteLite.Config;

namespace PasteLite.Hosting;

internal static class Listening
{
    /// <summary>
    /// Binds Kestrel to http.host:http.port (an IP, `localhost`, or an absolute path for a Unix socket), and with
    /// metrics.enabled the metrics listener, registered as a service for the middleware and the start-up line.
    /// </summary>
    public static void ListenOn(this IWebHostBuilder web, Settings settings)
    {
        var metrics = new MetricsListener(settings.Metrics);
        web.ConfigureServices(services => services.AddSingleton(metrics));
        web.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Limits.Configure(kestrel.Limits, settings);
            var host = settings.HttpHost;
            if (host.StartsWith('/')) kestrel.ListenUnixSocket(host);
            else if (host == "localhost") kestrel.ListenLocalhost(settings.HttpPort);
            else kestrel.Listen(IPAddress.Parse(host), settings.HttpPort);
            metrics.Listen(kestrel);
        });
    }

    /// <summary>The start-up line's addresses: the main listener's as bound (port 0 resolved), then the metrics URL.</summary>
    public static string ListeningOn(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MetricsListener>();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        // The metrics listener's own address is the one on its port (the main listener never shares it).
        var main = metrics.Enabled ? bound.Where(a => !a.EndsWith($":{metrics.Port}", StringComparison.Ordinal)) : bound;
        return string.Join(", ", main) + (metrics.Enabled ? $", metrics on {metrics.Url}" : "");
    }

    /// <summary>Which configured address a bind failure names: the metrics listener's when its port is in the message.</summary>
    public static string FailedAddress(Exception e, Settings settings) =>
        settings.Metrics.Enabled && e.Message.Contains($":{settings.Metrics.Port}:", StringComparison.Ordinal)
            ? $"{settings.Metrics.Host}:{settings.Metrics.Port} (metrics.host:metrics.port)"
            : $"{settings.HttpHost}:{settings.HttpPort}";

    /// <summary>Kestrel reports a taken port as an IOException around an "address in use" socket error.</summary>
    public static bool IsAddressInUse(Exception e) =>
        e is IOException && (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                             || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
}
