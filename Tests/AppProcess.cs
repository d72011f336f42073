using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ChatFake.Tests;

/// <summary>
/// The built app (ChatFake.dll) in a process of its own, on a free loopback port, for what the
/// TestServer hides: Kestrel's own limits and headers, kill -9, SIGTERM, a cold process, real
/// time. Waits are bounded by deadlines; nothing sleeps a fixed time.
/// Started by <see cref="StartHealthyAsync"/> on a database the test owns, or as a class fixture
/// (<c>IClassFixture&lt;AppProcess&gt;</c>, or <see cref="RealDelays"/>) on a temp database of its own.
/// </summary>
public class AppProcess : IAsyncLifetime, IAsyncDisposable
{
    public const string JwtSecret = "process-tests-secret-0123456789abcdefghijkl";

    static readonly TimeSpan startDeadline = TimeSpan.FromSeconds(90);

    readonly Process process;
    readonly ConcurrentQueue<string> output = new();
    readonly string? ownDirectory;

    /// <summary>A class fixture with the test settings.</summary>
    public AppProcess() : this(new Dictionary<string, string?>()) { }

    /// <summary>A class fixture whose settings differ from the test settings.</summary>
    protected AppProcess(IDictionary<string, string?> settings)
        : this(Path.Combine(Path.GetTempPath(), "chatfake-tests", "process-" + Guid.NewGuid().ToString("N")), settings, ownsDirectory: true) { }

    AppProcess(string path, IDictionary<string, string?> settings, bool ownsDirectory)
    {
        string databasePath;
        if (ownsDirectory)
        {
            ownDirectory = path;
            Directory.CreateDirectory(path);
            databasePath = Path.Combine(path, "chatfake.db");
        }
        else databasePath = path;
        Port = Ports.Free();
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
        Client = NewHttpClient();
    }

    /// <summary>A class fixture with the simulated delays of a real model (AI_DELAY_SCALE=1) and
    /// no stream cap: streams last long enough for a client to leave halfway.</summary>
    public sealed class RealDelays() : AppProcess(new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "1", ["MAX_STREAMS_PER_USER"] = "0" });

    public int Port { get; }

    public HttpClient Client { get; }

    public HttpClient NewHttpClient() => UserClient.SocketClient(new Uri($"http://127.0.0.1:{Port}"));

    /// <summary>Registers a fresh user through the API and returns a client carrying its token.</summary>
    public Task<UserClient> NewUserAsync(string? username = null) => UserClient.RegisterAsync(NewHttpClient(), username);

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the app with the test settings above, changed by <paramref name="settings"/>
    /// (a null value removes a variable); returns at once, before the app listens.</summary>
    public static AppProcess Start(string databasePath, IDictionary<string, string?>? settings = null) =>
        new(databasePath, settings ?? new Dictionary<string, string?>(), ownsDirectory: false);

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

    Task IAsyncLifetime.InitializeAsync() => WaitUntilHealthyAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        if (ownDirectory is not null)
            try { Directory.Delete(ownDirectory, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
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
