using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatFake.Tests;

/// <summary>
/// The one in-process fixture: the real app on the TestServer, with its own temp LiteDB file,
/// no simulated delays and a fake clock that only moves when a test moves it.
/// <see cref="OnKestrel"/> gives the same app on a real Kestrel port, for clients that must go
/// through sockets (a generated client, a frontend's view of flushing and disconnects).
/// </summary>
public class App : WebApplicationFactory<Program>
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string?> settings;

    public App() : this(new Dictionary<string, string?>()) { }

    /// <summary>An app whose settings (the variable names of docs/API.md) differ from the test
    /// defaults; <c>ASPNETCORE_ENVIRONMENT</c> among them picks the environment (Development
    /// otherwise). The test owns it and disposes it.</summary>
    public static App With(IDictionary<string, string?> overrides) => new(overrides);

    protected App(IDictionary<string, string?> overrides)
    {
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, "chatfake.db");
        settings = new Dictionary<string, string?>
        {
            ["DATABASE_PATH"] = DatabasePath,
            ["JWT_SECRET"] = "tests-only-secret-0123456789abcdefghijklmnop",
            ["JWT_EXPIRES_IN"] = "1h",
            ["AI_DELAY_SCALE"] = "0",
            ["AI_FAILURE_RATE"] = "0",
            ["AI_TIMEOUT_SECONDS"] = "30",
            ["AI_MAX_RETRIES"] = "2",
            ["RATE_LIMIT_AUTH_PER_MINUTE"] = "0",
            ["MAX_STREAMS_PER_USER"] = "0",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
    }

    /// <summary>The app of <see cref="With"/>, listening on a free loopback port through Kestrel
    /// instead of the TestServer; its clients (<see cref="NewHttpClient"/>, <see cref="Anonymous"/>,
    /// <see cref="NewUserAsync"/>) go to <see cref="BaseAddress"/>.</summary>
    public static App OnKestrel(IDictionary<string, string?>? overrides = null)
    {
        var port = Ports.Free();
        // Program listens on PORT itself; UseKestrel swaps the TestServer for Kestrel.
        var app = new App(new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>()) { ["PORT"] = port.ToString() });
        app.UseKestrel();
        app.StartServer();
        app.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        return app;
    }

    /// <summary>Where a Kestrel app (<see cref="OnKestrel"/>) listens; null on the TestServer.</summary>
    public Uri? BaseAddress { get; private set; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A client of this app: the TestServer's, or one to <see cref="BaseAddress"/>.</summary>
    public HttpClient NewHttpClient() => BaseAddress is null ? CreateClient() : UserClient.SocketClient(BaseAddress);

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => NewHttpClient();

    /// <summary>Registers a fresh user through the API and returns a client carrying its token.</summary>
    public Task<UserClient> NewUserAsync(string? username = null) => UserClient.RegisterAsync(NewHttpClient(), username);
}

public sealed record UserClient(HttpClient Http, string Id, string Username, string Token)
{
    public const string Password = "secret123";

    /// <summary>Registers a fresh user through <paramref name="client"/> and gives the client its token.</summary>
    public static async Task<UserClient> RegisterAsync(HttpClient client, string? username = null)
    {
        username ??= "u" + Guid.NewGuid().ToString("N")[..12];
        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { username, email = $"{username}@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = (await response.ReadJsonAsync())["data"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)data["token"]!);
        return new UserClient(client, (string)data["user"]!["id"]!, username, (string)data["token"]!);
    }

    /// <summary>A client over real sockets. A response disposed before its end closes the
    /// connection, as a browser tab that goes away does; by default HttpClient would keep reading
    /// it in the background to reuse the connection, and the server would never see the client leave.</summary>
    public static HttpClient SocketClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
}

public static class HttpTestExtensions
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("empty body");

    /// <summary>Sends a raw body, exactly as given, with a JSON content type.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string body,
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(key, value);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body,
        IDictionary<string, string>? headers = null) =>
        client.SendRawAsync(method, url, JsonSerializer.Serialize(body), headers);

    /// <summary>Asserts the status and the error envelope, and returns the body.</summary>
    public static async Task<JsonNode> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.ReadJsonAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.False((bool)body["success"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]));
        return body;
    }

    /// <summary>Asserts the status and the success envelope, and returns <c>data</c>.</summary>
    public static async Task<JsonNode> AssertDataAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.True((bool)body["success"]!);
        return body["data"]!;
    }
}
