using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests;

/// <summary>
/// The built app (ChatFake.dll) started as its own process on a free loopback port, with real
/// time and real delays (AI_DELAY_SCALE=1), for what the TestServer would hide: flushing
/// through Kestrel and clients that drop the connection.
/// </summary>
public sealed class RealServer : IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));
    readonly Queue<string> conversations = new();
    Process? process;

    public const string Password = "secret123";
    public const string ModelId = "gpt-3.5-turbo";

    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient User { get; private set; } = null!;

    /// <summary>A conversation of <see cref="User"/>, on <see cref="ModelId"/>, that no other test uses.</summary>
    public string NewConversation() => conversations.Dequeue();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "chatfake.db");
        var email = Seed(database);

        var port = FreePort();
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString();
        start.Environment["DATABASE_PATH"] = database;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AI_DELAY_SCALE"] = "1";
        start.Environment["AI_FAILURE_RATE"] = "0";
        start.Environment["RATE_LIMIT_AUTH_PER_MINUTE"] = "0";
        start.Environment["MAX_STREAMS_PER_USER"] = "0";
        process = Process.Start(start)!;

        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) => { if (line.Data?.Contains("Now listening on") == true) listening.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Anonymous = Client(port);
        var login = await Anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (string)(await login.ReadJsonAsync())["data"]!["token"]!;
        User = Client(port);
        User.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        User?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    // The user and its conversations are stored before the server opens the file (the
    // database has one owner at a time); everything else goes through HTTP.
    string Seed(string database)
    {
        using var db = new ChatDb(Options.Create(new DatabaseOptions { Path = database }));
        var now = DateTime.UtcNow;
        var username = "real" + Guid.NewGuid().ToString("N")[..8];
        var user = new UserDoc
        {
            Id = Guid.NewGuid().ToString(), Username = username, UsernameKey = username, Email = $"{username}@example.com",
            PasswordHash = Passwords.Hash(Password), CreatedAt = now, UpdatedAt = now,
        };
        db.Users.Insert(user);
        for (var i = 0; i < 4; i++)
        {
            var conversation = new ConversationDoc
            {
                Id = Guid.NewGuid().ToString(), UserId = user.Id, Title = "New conversation", ModelId = ModelId, CreatedAt = now,
            };
            conversation.Touch(now);
            db.InsertConversation(conversation);
            conversations.Enqueue(conversation.Id);
        }
        return user.Email;
    }

    // A response disposed before its end closes the connection, as a browser tab that goes
    // away does; by default HttpClient would keep reading it in the background to reuse the
    // connection, and the server would never see the client leave.
    static HttpClient Client(int port) =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
