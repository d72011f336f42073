using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// LiteDB 5.0.21 builds the mapper of a document type on first use, and a second thread can
/// see it half-built (BsonMapper.GetEntityMapper): ChatDb touches every collection at start-up,
/// serially. The mapper is process-wide, so only a fresh process is cold: this one is hit by a
/// burst of parallel requests on every route, touching every collection at once, before it has
/// served a single request. None may fail with a 5xx, and what they created must read back
/// whole (a half-built mapper stores documents with fields missing).
/// </summary>
public sealed class ColdStartTests(App app) : IClassFixture<App>, IDisposable
{
    const int RequestsPerRoute = 16;

    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "cold-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_fresh_process_hit_on_every_route_at_once_answers_no_5xx()
    {
        var routes = Route.All(app).Where(r => !r.Hidden).ToList();
        await using var cold = AppProcess.Start(Path.Combine(directory, "chatfake.db"));
        await cold.WaitUntilListeningAsync();

        var registered = new List<string>();
        var requests = routes
            .SelectMany(route => Enumerable.Range(0, RequestsPerRoute).Select(_ => (Route: route, Request: ColdRequest(route, registered))))
            .ToList();

        var responses = await Task.WhenAll(requests.Select(r => Task.Run(() => cold.Client.SendAsync(r.Request))));

        var failures = responses.Where(r => (int)r.StatusCode >= 500)
            .Select(r => $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri!.AbsolutePath}: {(int)r.StatusCode}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + cold.Output);

        foreach (var email in registered)
            await (await cold.Client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "secret123" })).AssertDataAsync();
        // Every resource created in the burst reads back exactly as its creation answered.
        for (var i = 0; i < requests.Count; i++)
        {
            var (route, request) = requests[i];
            var read = routes.SingleOrDefault(r => r.Method == "GET" && r.Pattern == route.Pattern + "/{id}");
            if (route.Method != "POST" || read is null || responses[i].StatusCode != HttpStatusCode.Created) continue;
            var created = await responses[i].AssertDataAsync(HttpStatusCode.Created);
            var get = new HttpRequestMessage(HttpMethod.Get, read.Url((string)created["id"]!));
            get.Headers.Authorization = request.Headers.Authorization;
            var stored = await (await cold.Client.SendAsync(get)).AssertDataAsync();
            Assert.Equal(created.ToJsonString(), stored.ToJsonString());
        }
    }

    static HttpRequestMessage ColdRequest(Route route, List<string> registered)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url(Guid.NewGuid().ToString()));
        var body = "{}";
        if (route.Pattern == "/api/auth/register")
        {
            var name = "cold" + Guid.NewGuid().ToString("N")[..10];
            registered.Add($"{name}@example.com");
            body = $$"""{"username":"{{name}}","email":"{{name}}@example.com","password":"secret123"}""";
        }
        else if (route.Pattern == "/api/auth/login")
            body = """{"email":"test@test.com","password":"123456"}""";
        if (route.HasBody) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (!route.AllowsAnonymous) request.Headers.Authorization = new("Bearer", TokenFor(Guid.NewGuid().ToString()));
        return request;
    }

    static string TokenFor(string userId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim("username", "cold")]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AppProcess.JwtSecret)), SecurityAlgorithms.HmacSha256),
    });
}
