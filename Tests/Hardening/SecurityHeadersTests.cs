using System.Net;
using System.Text;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// Every response carries <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy:
/// no-referrer</c>, errors included (the exception handler clears headers before it writes
/// its envelope); Kestrel sends no Server header.
/// </summary>
public sealed class SecurityHeadersTests(App app, AppProcess kestrel) : IClassFixture<App>, IClassFixture<AppProcess>
{
    [Fact]
    public async Task Every_route_and_every_kind_of_error_answers_with_the_security_headers()
    {
        var user = await app.NewUserAsync();
        var anonymous = app.Anonymous();
        var requests = new List<(string Case, HttpClient Client, HttpRequestMessage Request)>
        {
            ("unknown route", anonymous, new(HttpMethod.Get, "/api/nothing-here")),
            ("wrong method", anonymous, new(HttpMethod.Delete, "/api/auth/login")),
            ("malformed JSON", anonymous, Json(HttpMethod.Post, "/api/auth/login", "{\"email\":")),
            ("body too large (exception handler)", anonymous, Json(HttpMethod.Post, "/api/auth/register", new string(' ', 1024 * 1024 + 1))),
            ("CORS preflight", anonymous, Preflight()),
        };
        foreach (var route in Route.All(app).Where(r => !r.Hidden))
        {
            requests.Add(($"{route} without token", anonymous, Json(new HttpMethod(route.Method), route.Url("x"), "{}", route.HasBody)));
            requests.Add(($"{route} with token", user.Http, Json(new HttpMethod(route.Method), route.Url("x"), "{}", route.HasBody)));
        }

        var failures = new List<string>();
        foreach (var (name, client, request) in requests)
        {
            var response = await client.SendAsync(request);
            if (!Has(response, "X-Content-Type-Options", "nosniff") || !Has(response, "Referrer-Policy", "no-referrer"))
                failures.Add($"{name}: {(int)response.StatusCode} without the security headers");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header_and_the_security_headers()
    {
        foreach (var url in new[] { "/health", "/api/nothing-here" })
        {
            var response = await kestrel.Client.GetAsync(url);
            Assert.Empty(response.Headers.Server);
            Assert.False(response.Headers.Contains("Server"));
            Assert.True(Has(response, "X-Content-Type-Options", "nosniff"));
            Assert.True(Has(response, "Referrer-Policy", "no-referrer"));
        }
    }

    static bool Has(HttpResponseMessage response, string header, string value) =>
        response.Headers.TryGetValues(header, out var values) && values.SequenceEqual([value]);

    static HttpRequestMessage Json(HttpMethod method, string url, string body, bool withBody = true) =>
        new(method, url) { Content = withBody ? new StringContent(body, Encoding.UTF8, "application/json") : null };

    static HttpRequestMessage Preflight()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
