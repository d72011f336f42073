using System.Net;

namespace ChatFake.Tests.Http;

/// <summary>
/// Browser frontends and SDKs on other origins: in Development any origin, outside it the
/// CORS_ORIGINS list; in both, every header a preflight asks for is allowed (SDKs send their
/// own), Retry-After is readable by scripts and the preflight is cached for 600 s. A preflight
/// passes on any path, a route that does not exist yet included.
/// </summary>
public sealed class CorsTests(App app) : IClassFixture<App>
{
    const string Origin = "http://localhost:5173";

    // What the OpenAI and Anthropic browser SDKs and a ChatFake frontend ask for.
    static readonly string[] sdkHeaders =
    [
        "authorization", "content-type", "x-fake-scenario", "x-stainless-os", "x-stainless-lang",
        "x-stainless-package-version", "x-stainless-retry-count", "anthropic-version", "x-api-key",
        "anthropic-dangerous-direct-browser-access",
    ];

    public static TheoryData<string, string> Preflights => new()
    {
        { "/api/conversations", "POST" },
        { "/api/conversations/some-id", "DELETE" },
        { "/v1/chat/completions", "POST" },
        { "/v1/messages", "POST" },
    };

    [Theory, MemberData(nameof(Preflights))]
    public async Task In_Development_a_preflight_from_any_origin_allows_every_requested_header_and_is_cached(string path, string method)
    {
        var response = await app.Anonymous().SendAsync(Preflight(path, method, Origin, sdkHeaders));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(sdkHeaders, AllowedHeaders(response));
        Assert.Contains(method, response.Headers.GetValues("Access-Control-Allow-Methods").SelectMany(List));
        Assert.Equal(["600"], response.Headers.GetValues("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task In_Development_a_response_to_any_origin_lets_scripts_read_Retry_After()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "https://anywhere.example");

        var response = await app.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["Retry-After"], response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(List));
    }

    [Fact]
    public async Task Outside_Development_only_the_configured_origins_pass_with_the_same_headers_exposure_and_cache()
    {
        using var production = App.With(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CORS_ORIGINS"] = "https://chat.example, https://admin.example",
        });
        var client = production.Anonymous();

        foreach (var (path, method) in new[] { ("/api/conversations", "POST"), ("/v1/chat/completions", "POST") })
        {
            var allowed = await client.SendAsync(Preflight(path, method, "https://admin.example", sdkHeaders));
            Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
            Assert.Equal(["https://admin.example"], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
            Assert.Equal(sdkHeaders, AllowedHeaders(allowed));
            Assert.Equal(["600"], allowed.Headers.GetValues("Access-Control-Max-Age"));

            var refused = await client.SendAsync(Preflight(path, method, Origin, sdkHeaders));
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Headers"));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "https://chat.example");
        var response = await client.SendAsync(request);
        Assert.Equal(["https://chat.example"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["Retry-After"], response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(List));
    }

    static HttpRequestMessage Preflight(string path, string method, string origin, IEnumerable<string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", string.Join(",", headers));
        return request;
    }

    static IEnumerable<string> AllowedHeaders(HttpResponseMessage response) =>
        response.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(List).Select(h => h.ToLowerInvariant());

    static IEnumerable<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
