using System.Net;
using System.Net.Sockets;

namespace ChatFake.Tests;

public static class Ports
{
    /// <summary>A loopback port that nothing listens on right now (the OS picks it).</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
