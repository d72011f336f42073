using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// Every route the app serves, read from its EndpointDataSource (routes added later are
/// covered without being listed here): only the documented ones are public, every other one
/// answers 401 to a missing, malformed, forged or expired token, and a user never reaches
/// another user's resource.
/// </summary>
public sealed class AuthorizationMatrixTests(App app, ITestOutputHelper output) : IClassFixture<App>
{
    // docs/API.md: "All routes except register, login and the OpenAPI/health routes require
    // Authorization". The OpenAPI document is served by middleware, not an endpoint.
    static readonly string[] publicRoutes = ["GET /health", "POST /api/auth/login", "POST /api/auth/register"];

    // The test App's JWT_EXPIRES_IN.
    static readonly TimeSpan tokenLifetime = TimeSpan.FromHours(1);

    [Fact]
    public void Only_register_login_and_health_are_public()
    {
        var anonymous = ApiRoutes().Where(r => r.AllowsAnonymous).Select(r => r.ToString());
        Assert.Equal(publicRoutes, anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Routes_left_out_of_the_API_answer_404_like_unknown_routes_with_or_without_a_token()
    {
        var hidden = Route.All(app).Where(r => r.Hidden).ToList();
        var user = await app.NewUserAsync();
        var failures = new List<string>();
        foreach (var route in hidden)
        foreach (var client in new[] { app.Anonymous(), user.Http })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Url(Guid.NewGuid().ToString())));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !text.Contains("\"success\":false"))
                failures.Add($"{route}: {(int)response.StatusCode} {text}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        output.WriteLine($"hidden routes: {string.Join(", ", hidden)}");
    }

    [Fact]
    public async Task The_public_routes_answer_without_a_token_and_despite_a_stale_one()
    {
        foreach (var token in new[] { null, "stale.or.broken" })
        {
            var client = app.Anonymous();
            if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var name = "pub" + Guid.NewGuid().ToString("N")[..10];

            await (await client.SendJsonAsync(HttpMethod.Post, "/api/auth/register",
                new { username = name, email = $"{name}@example.com", password = "secret123" })).AssertDataAsync(HttpStatusCode.Created);
            await (await client.SendJsonAsync(HttpMethod.Post, "/api/auth/login",
                new { email = $"{name}@example.com", password = "secret123" })).AssertDataAsync();
            await (await client.GetAsync("/health")).AssertDataAsync();
            var openApi = await client.GetAsync("/swagger/v1/swagger.json");
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        }
    }

    [Fact]
    public async Task Every_other_route_answers_401_to_a_missing_malformed_or_forged_token()
    {
        var user = await app.NewUserAsync();
        var now = app.Time.GetUtcNow().UtcDateTime;
        var credentials = new (string Case, string? Header, string Error)[]
        {
            ("no Authorization header", null, "Authentication required"),
            ("not a JWT", "Bearer not-a-token", "Invalid token"),
            ("not a Bearer scheme", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"))}", "Invalid token"),
            ("signed with another key", "Bearer " + Mint(user.Id, "another-key-0123456789abcdefghijklmnopqrstuv", now + tokenLifetime), "Invalid token"),
            ("unsigned (alg none)", "Bearer " + Unsigned(user.Id, now + tokenLifetime), "Invalid token"),
            ("its signature tampered with", "Bearer " + user.Token[..^4] + (user.Token[^4..] == "AAAA" ? "BBBB" : "AAAA"), "Invalid token"),
        };

        var failures = new List<string>();
        var protectedRoutes = ProtectedRoutes();
        foreach (var route in protectedRoutes)
        foreach (var (name, header, error) in credentials)
            await ExpectUnauthorizedAsync(route, name, header, error, failures);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        output.WriteLine($"{protectedRoutes.Count} protected routes x {credentials.Length} credentials answered 401");
    }

    [Fact]
    public async Task Every_other_route_answers_401_once_the_token_has_expired()
    {
        var user = await app.NewUserAsync();
        await (await user.Http.GetAsync("/api/auth/me")).AssertDataAsync();

        app.Time.Advance(tokenLifetime + TimeSpan.FromSeconds(1));

        var failures = new List<string>();
        foreach (var route in ProtectedRoutes())
            await ExpectUnauthorizedAsync(route, "expired", "Bearer " + user.Token, "Token expired", failures);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    async Task ExpectUnauthorizedAsync(Route route, string name, string? authorization, string error, List<string> failures)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url(Guid.NewGuid().ToString()));
        if (route.HasBody) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        // As Anthropic's SDKs call the /v1 routes (GET /v1/models answers Anthropic's shape
        // with the header); either provider's error carries the message as error.message.
        if (route.IsProtocol) request.Headers.Add("anthropic-version", "2023-06-01");
        var response = await app.Anonymous().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = TryParse(text);
        if (response.StatusCode != HttpStatusCode.Unauthorized || route.ErrorMessageOf(body) != error)
            failures.Add($"{route} with {name}: {(int)response.StatusCode} {text} (expected 401 \"{error}\")");
    }

    IReadOnlyList<Route> ApiRoutes() => Route.All(app).Where(r => !r.Hidden && !r.IsProtocol).ToList();

    IReadOnlyList<Route> ProtectedRoutes()
    {
        var routes = ApiRoutes().Where(r => !r.AllowsAnonymous).ToList();
        Assert.NotEmpty(routes); // GET /api/auth/me at least
        return routes;
    }

    /// <summary>What the owner puts in a new resource before the intruder tries it: a message
    /// (and, in a conversation, tags), so that a route that changed or deleted any part of it
    /// shows in the owner's reads.</summary>
    static async Task FillAsync(UserClient owner, string area, string id)
    {
        await (await owner.Http.SendJsonAsync(HttpMethod.Post, $"{area}/{id}/messages", new { content = "the owner's message" }))
            .AssertDataAsync(HttpStatusCode.Created);
        if (area == "/api/conversations")
            await (await owner.Http.SendJsonAsync(HttpMethod.Patch, $"{area}/{id}/tags", new { tags = new[] { "owned" } })).AssertDataAsync();
    }

    [Fact]
    public async Task A_user_gets_404_on_every_id_route_of_another_users_resource_and_the_resource_stays_unchanged()
    {
        var routes = ApiRoutes();
        var idRoutes = routes.Where(r => r.Pattern.Contains("{id}")).ToList();
        // Every area that exists has {id} routes, and every {id} route belongs to an area whose
        // resources this test can create (AreaOf fails otherwise): nothing is skipped silently.
        foreach (var area in ValidRequests.Creations.Keys.Where(area => routes.Any(r => r.Method == "POST" && r.Pattern == area)))
            Assert.True(idRoutes.Any(r => r.Pattern.StartsWith(area + "/{id}", StringComparison.Ordinal)), $"{area} exists but has no {{id}} routes");

        var failures = new List<string>();
        foreach (var route in idRoutes)
        {
            var area = ValidRequests.AreaOf(route);
            var owner = await app.NewUserAsync();
            var intruder = await app.NewUserAsync();
            var created = await (await owner.Http.SendJsonAsync(HttpMethod.Post, area, ValidRequests.Creations[area])).AssertDataAsync(HttpStatusCode.Created);
            var id = (string)created["id"]!;
            await FillAsync(owner, area, id);
            var before = await SnapshotAsync(owner, routes, area, id);
            // Timestamps have milliseconds and the fake clock stands still: moved on, any write
            // the intruder managed would show in updated_at.
            app.Time.Advance(TimeSpan.FromSeconds(1));

            var body = ValidRequests.BodyFor(route);
            var missingId = Guid.NewGuid().ToString();
            var others = await SendAsync(intruder, route, id, body);
            var missing = await SendAsync(intruder, route, missingId, body);

            if (others.Status != HttpStatusCode.NotFound || !others.Text.Contains("\"success\":false"))
                failures.Add($"{route} on another user's resource: {(int)others.Status} {others.Text}");
            // Not yours must look exactly like not there.
            else if (others.Text.Replace(id, "<id>") != missing.Text.Replace(missingId, "<id>"))
                failures.Add($"{route}: another user's resource answers {others.Text}, a missing one {missing.Text}");
            var after = await SnapshotAsync(owner, routes, area, id);
            if (after != before)
                failures.Add($"{route}: the owner's data changed from\n{before}to\n{after}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        output.WriteLine($"{idRoutes.Count} {{id}} routes checked: {string.Join(", ", idRoutes)}");
    }

    static async Task<(HttpStatusCode Status, string Text)> SendAsync(UserClient user, Route route, string id, object? body)
    {
        var response = body is null
            ? await user.Http.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Url(id)))
            : await user.Http.SendJsonAsync(new HttpMethod(route.Method), route.Url(id), body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the owner reads through every GET route: the lists (conversations, groups,
    /// tags...) and every read of the resource.</summary>
    static async Task<string> SnapshotAsync(UserClient owner, IReadOnlyList<Route> routes, string area, string id)
    {
        var reads = new StringBuilder();
        foreach (var read in routes.Where(r => r.Method == "GET" && !r.AllowsAnonymous
                     && (!r.Pattern.Contains('{') || r.Pattern.StartsWith(area + "/{id}", StringComparison.Ordinal))))
        {
            var response = await owner.Http.GetAsync(read.Url(id));
            reads.Append($"{read}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n");
        }
        return reads.ToString();
    }

    static string Mint(string userId, string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim("username", "someone")]),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    static string Unsigned(string userId, DateTime expires)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"{userId}\",\"exp\":{new DateTimeOffset(expires).ToUnixTimeSeconds()}}}")}.";
    }

    static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
