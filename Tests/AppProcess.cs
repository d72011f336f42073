using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ChatFake.Tests;

/// <summary>
/// The built app (ChatFake.dll) in a process of its own, on a free loopback port, for what the
/// TestServer hides: Kestrel's own limits and headers, kill -9, SIGTERM, a cold process.
/// Waits are bounded by deadlines; nothing sleeps a fixed time.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string JwtSecret = "process-tests-secret-0123456789abcdefghijkl";

    static readonly TimeSpan startDeadline = TimeSpan.FromSeconds(90);

    readonly Process process;
    readonly ConcurrentQueue<string> output = new();

    AppProcess(string databasePath, IDictionary<string, string?> settings)
    {
        Port = FreePort();
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["PORT"] = Port.ToString();
        start.Environment["DATABASE_PATH"] = databasePath;
        start.Environment["JWT_SECRET"] = JwtSecret;
        start.Environment["AI_DELAY_SCALE"] = "0";
        start.Environment["RATE_LIMIT_AUTH_PER_MINUTE"] = "0";
        foreach (var (key, value) in settings)
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the app with the test settings above, changed by <paramref name="settings"/>
    /// (a null value removes a variable); returns at once, before the app listens.</summary>
    public static AppProcess Start(string databasePath, IDictionary<string, string?>? settings = null) =>
        new(databasePath, settings ?? new Dictionary<string, string?>());

    /// <summary>Starts the app and waits until /health answers 200.</summary>
    public static async Task<AppProcess> StartHealthyAsync(string databasePath, IDictionary<string, string?>? settings = null)
    {
        var app = Start(databasePath, settings);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    public async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await PollOrFailAsync(deadline, "answer /health");
        }
    }

    /// <summary>Waits until the port accepts connections, without sending a request.</summary>
    public async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { }
            await PollOrFailAsync(deadline, "listen");
        }
    }

    async Task PollOrFailAsync(Stopwatch deadline, string what)
    {
        if (process.HasExited)
            throw new InvalidOperationException($"the app exited ({process.ExitCode}) before it would {what}:\n{Output}");
        if (deadline.Elapsed > startDeadline)
            throw new TimeoutException($"the app did not {what} within {startDeadline}:\n{Output}");
        await Task.Delay(50);
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill() => process.Kill();

    /// <summary>SIGTERM, as a service manager or Ctrl+C stops the app; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (SendSignal(process.Id, SIGTERM) != 0)
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(startDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the app did not exit within {startDeadline}:\n{Output}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);
}

/// <summary>A test that needs POSIX signals.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "needs POSIX signals (SIGTERM)";
    }
}
