using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// RATE_LIMIT_AUTH_PER_MINUTE (docs/API.md): register and login attempts per client IP and minute,
/// one budget for both routes; beyond it 429 in the envelope with Retry-After in seconds. The
/// window runs on the app's TimeProvider, so these tests move fake time instead of waiting.
/// </summary>
public sealed class RateLimitTests
{
    static App Limited(int perMinute) => App.With(new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_PER_MINUTE"] = perMinute.ToString() });

    [Fact]
    public async Task Register_and_login_share_the_budget_and_the_next_attempt_gets_429_until_the_minute_is_over()
    {
        using var app = Limited(3);
        var client = app.Anonymous();
        var name = "rl" + Guid.NewGuid().ToString("N")[..10];

        await (await Register(client, name)).AssertDataAsync(HttpStatusCode.Created);
        await (await Login(client, name, "secret123")).AssertDataAsync();
        await (await Login(client, name, "wrong-password")).AssertErrorAsync(HttpStatusCode.Unauthorized);

        var rejected = await Register(client, name + "x");
        var body = await rejected.AssertErrorAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("60", rejected.Headers.GetValues("Retry-After").Single());
        Assert.Null(body["errors"]);

        app.Time.Advance(TimeSpan.FromSeconds(45.5));
        var stillRejected = await Login(client, name, "secret123");
        await stillRejected.AssertErrorAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("15", stillRejected.Headers.GetValues("Retry-After").Single()); // 14.5 s left, rounded up

        app.Time.Advance(TimeSpan.FromSeconds(14.5));
        await (await Login(client, name, "secret123")).AssertDataAsync();
        // The rejected registration stored nothing.
        await (await Login(client, name + "x", "secret123")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_requests_count_as_attempts_and_other_routes_are_not_limited()
    {
        using var app = Limited(2);
        var user = await app.NewUserAsync(); // attempt 1
        var client = app.Anonymous();

        await (await client.SendRawAsync(HttpMethod.Post, "/api/auth/login", "{}")).AssertErrorAsync(HttpStatusCode.BadRequest);
        await (await client.SendRawAsync(HttpMethod.Post, "/api/auth/login", "{}")).AssertErrorAsync(HttpStatusCode.TooManyRequests);

        await (await user.Http.GetAsync("/api/auth/me")).AssertDataAsync();
        await (await client.GetAsync("/health")).AssertDataAsync();
    }

    [Fact]
    public async Task Each_client_address_has_its_own_budget()
    {
        using var app = Limited(1);
        _ = app.Server;

        Assert.Equal(StatusCodes.Status400BadRequest, await LoginFrom(app.Server, "10.0.0.1"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await LoginFrom(app.Server, "10.0.0.1"));
        Assert.Equal(StatusCodes.Status400BadRequest, await LoginFrom(app.Server, "10.0.0.2"));
        Assert.Equal(StatusCodes.Status400BadRequest, await LoginFrom(app.Server, "2001:db8::1"));
    }

    [Fact]
    public async Task By_default_a_real_server_allows_20_attempts_a_minute_per_client()
    {
        // The test App sets the variable; only a process started without it shows the default.
        var directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "ratelimit-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"),
                new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_PER_MINUTE"] = null });
            for (var i = 0; i < 20; i++)
                await (await app.Client.SendRawAsync(HttpMethod.Post, i % 2 == 0 ? "/api/auth/register" : "/api/auth/login", "{}"))
                    .AssertErrorAsync(HttpStatusCode.BadRequest);

            var rejected = await app.Client.SendRawAsync(HttpMethod.Post, "/api/auth/login", "{}");
            await rejected.AssertErrorAsync(HttpStatusCode.TooManyRequests);
            Assert.InRange(int.Parse(rejected.Headers.GetValues("Retry-After").Single()), 1, 60);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        using var app = Limited(0);
        var client = app.Anonymous();
        for (var i = 0; i < 50; i++)
            await (await client.SendRawAsync(HttpMethod.Post, i % 2 == 0 ? "/api/auth/login" : "/api/auth/register", "{}"))
                .AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("RATE_LIMIT_AUTH_PER_MINUTE", "-1")]
    [InlineData("MAX_STREAMS_PER_USER", "-1")]
    [InlineData("RATE_LIMIT_AUTH_PER_MINUTE", "lots")]
    public void A_negative_or_non_numeric_limit_stops_the_app_at_start_up(string variable, string value)
    {
        using var app = App.With(new Dictionary<string, string?> { [variable] = value });
        var failure = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(variable, failure.ToString());
    }

    static Task<HttpResponseMessage> Register(HttpClient client, string name) =>
        client.SendJsonAsync(HttpMethod.Post, "/api/auth/register", new { username = name, email = $"{name}@example.com", password = "secret123" });

    static Task<HttpResponseMessage> Login(HttpClient client, string name, string password) =>
        client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", new { email = $"{name}@example.com", password });

    /// <summary>A login attempt (with an empty body: a cheap 400) from the given client address.</summary>
    static async Task<int> LoginFrom(TestServer server, string address)
    {
        var ctx = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            c.Request.Method = "POST";
            c.Request.Path = "/api/auth/login";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{}"));
        });
        return ctx.Response.StatusCode;
    }
}
