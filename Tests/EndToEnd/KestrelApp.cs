using System.Net;
using System.Net.Sockets;

namespace ChatFake.Tests.EndToEnd;

/// <summary>
/// The app of <see cref="App"/> (temp database, no simulated delays, fake clock) listening on a
/// real Kestrel port: clients reach it through sockets, as a frontend would, instead of the
/// in-memory TestServer.
/// </summary>
public sealed class KestrelApp : IDisposable
{
    readonly App app;

    public KestrelApp()
    {
        var port = FreePort();
        // Program listens on PORT itself; UseKestrel swaps the TestServer for Kestrel.
        app = App.With(new Dictionary<string, string?> { ["PORT"] = port.ToString() });
        app.UseKestrel();
        app.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public HttpClient NewHttpClient() => new() { BaseAddress = BaseAddress };

    public void Dispose() => app.Dispose();

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
