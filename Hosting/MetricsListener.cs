using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PasteLite.Config;

namespace PasteLite.Hosting;

/// <summary>
/// The metrics listener (metrics.enabled) at metrics.host:metrics.port, and which requests came in on it. With
/// metrics.port 0 the system picks a free port when Kestrel binds; <see cref="Port"/> is that port from then on, and
/// `serve` prints it in its start-up line. The listener never shares http.port (SettingsLoader refuses that).
/// </summary>
internal sealed class MetricsListener(MetricsSettings settings)
{
    private ListenOptions? _listen;

    public bool Enabled => settings.Enabled;

    /// <summary>The bound port; metrics.port as configured until Kestrel binds (in-process tests have no Kestrel).</summary>
    public int Port => _listen?.IPEndPoint?.Port ?? settings.Port;

    /// <summary>Whether the request came in on this listener. Nothing does while a port 0 is still unbound.</summary>
    public bool Accepted(HttpContext context) => Enabled && Port != 0 && context.Connection.LocalPort == Port;

    /// <summary>Adds the listener to Kestrel's; Kestrel sets the bound port on the options it is given here.</summary>
    public void Listen(KestrelServerOptions kestrel)
    {
        if (!settings.Enabled) return;
        if (settings.Host == "localhost") kestrel.ListenLocalhost(settings.Port, options => _listen = options);
        else kestrel.Listen(IPAddress.Parse(settings.Host), settings.Port, options => _listen = options);
    }

    /// <summary>For the start-up line: where to scrape, with the bound port.</summary>
    public string Url
    {
        get
        {
            var host = settings.Host == "localhost" ? "localhost"
                : IPAddress.Parse(settings.Host) is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 ? $"[{v6}]" : settings.Host;
            return $"http://{host}:{Port}/metrics";
        }
    }
}
