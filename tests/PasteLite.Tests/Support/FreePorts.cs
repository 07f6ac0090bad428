using System.Net;
using System.Net.Sockets;

namespace PasteLite.Tests.Support;

public static class FreePorts
{
    /// <summary>A loopback port free at this moment (the OS picks it), for a server that must be told its port.</summary>
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
