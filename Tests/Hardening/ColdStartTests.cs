using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// LiteDB 5.0.21 builds the mapper of a document type on first use, and a second thread can
/// see it half-built (BsonMapper.GetEntityMapper): ChatDb touches every collection at start-up,
/// serially. The mapper is process-wide, so only a fresh process is cold: this one is hit by a
/// burst of parallel valid requests on every route, reading and writing every collection at
/// once (users, models, bots, conversations, groups, messages), before it has served a single
/// request. Every one must succeed, and what they stored must read back whole (a half-built
/// mapper stores documents with fields missing).
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
    public async Task A_fresh_process_hit_on_every_route_at_once_answers_every_request_and_stores_whole_documents()
    {
        var routes = Route.All(app).Where(r => !r.Hidden && !r.IsProtocol).ToList();
        var database = Path.Combine(directory, "chatfake.db");
        var owner = Owner.Seed(database, routes.Count(r => r.Pattern.Contains("{id}")) * RequestsPerRoute);
        await using var cold = AppProcess.Start(database, new Dictionary<string, string?> { ["MAX_STREAMS_PER_USER"] = "0" });
        await cold.WaitUntilListeningAsync();

        var registered = new List<string>();
        var requests = routes
            .SelectMany(route => Enumerable.Range(0, RequestsPerRoute).Select(_ => (Route: route, Request: ColdRequest(route, owner, registered))))
            .ToList();

        var responses = await Task.WhenAll(requests.Select(r => Task.Run(() => cold.Client.SendAsync(r.Request))));

        var failures = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            var text = await responses[i].Content.ReadAsStringAsync();
            if (!responses[i].IsSuccessStatusCode || responses[i].Content.Headers.ContentType?.MediaType == "text/event-stream" && !text.Contains("event: done"))
                failures.Add($"{requests[i].Route}: {(int)responses[i].StatusCode} {text}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + cold.Output);

        foreach (var email in registered)
            await (await cold.Client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", new { email, password = "secret123" })).AssertDataAsync();
        // Every conversation, group and message stored in the burst reads back exactly as its creation answered.
        using var owned = new HttpClient { BaseAddress = cold.Client.BaseAddress };
        owned.DefaultRequestHeaders.Authorization = new("Bearer", owner.Token);
        for (var i = 0; i < requests.Count; i++)
        {
            var (route, request) = requests[i];
            if (route.Method != "POST" || responses[i].StatusCode != HttpStatusCode.Created) continue;
            var created = await responses[i].AssertDataAsync(HttpStatusCode.Created);
            if (routes.SingleOrDefault(r => r.Method == "GET" && r.Pattern == route.Pattern + "/{id}") is { } read)
            {
                var stored = await (await owned.GetAsync(read.Url((string)created["id"]!))).AssertDataAsync();
                Assert.Equal(created.ToJsonString(), stored.ToJsonString());
            }
            else if (created["userMessage"] is { } message)
            {
                var listed = await (await owned.GetAsync(request.RequestUri!.AbsolutePath)).AssertDataAsync();
                Assert.Contains(message.ToJsonString(), listed.AsArray().Select(m => m!.ToJsonString()));
            }
        }
    }

    static HttpRequestMessage ColdRequest(Route route, Owner owner, List<string> registered)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Pattern);
        if (route.Pattern == "/api/auth/register")
        {
            var name = "cold" + Guid.NewGuid().ToString("N")[..10];
            registered.Add($"{name}@example.com");
            request.Content = JsonContent.Create(new { username = name, email = $"{name}@example.com", password = "secret123" });
        }
        else if (route.Pattern == "/api/auth/login")
            request.Content = JsonContent.Create(new { email = "test@test.com", password = "123456" });
        else if (route.Pattern.Contains("{id}"))
        {
            // Each request on a conversation or group of its own: a delete takes nothing from the others.
            var area = ValidRequests.AreaOf(route);
            request.RequestUri = new Uri(route.Url(owner.Next(area)), UriKind.Relative);
            if (ValidRequests.BodyFor(route) is { } body) request.Content = JsonContent.Create(body);
        }
        else if (route.HasBody)
            request.Content = JsonContent.Create(
                ValidRequests.Creations.GetValueOrDefault(route.Pattern) ?? ValidRequests.ProtocolBodies.GetValueOrDefault(route.Pattern) ?? new { });
        if (!route.AllowsAnonymous) request.Headers.Authorization = new("Bearer", owner.Token);
        return request;
    }

    /// <summary>The user the burst acts for, with conversations and groups stored in the file
    /// before the process opens it (the database has one owner at a time).</summary>
    sealed class Owner(string token, Dictionary<string, Queue<string>> threads)
    {
        public string Token => token;

        /// <summary>A conversation (or group) of the owner's that no other request uses.</summary>
        public string Next(string area) => threads[area].Dequeue();

        public static Owner Seed(string database, int threadsPerArea)
        {
            using var db = new ChatDb(Options.Create(new DatabaseOptions { Path = database }));
            var now = DateTime.UtcNow;
            var user = new UserDoc
            {
                Id = Guid.NewGuid().ToString(), Username = "cold", UsernameKey = "cold", Email = "cold@example.com",
                PasswordHash = "not used: the token is minted", CreatedAt = now, UpdatedAt = now,
            };
            db.Users.Insert(user);
            var conversations = Enumerable.Range(0, threadsPerArea).Select(_ => new ConversationDoc
            {
                Id = Guid.NewGuid().ToString(), UserId = user.Id, Title = "cold", ModelId = "gpt-4", CreatedAt = now,
            }).ToList();
            conversations.ForEach(c => c.Touch(now));
            conversations.ForEach(c => db.InsertConversationAsync(c).GetAwaiter().GetResult());
            var groups = Enumerable.Range(0, threadsPerArea).Select(_ => new GroupDoc
            {
                Id = Guid.NewGuid().ToString(), Name = "cold", OwnerId = user.Id, BotIds = ["bot-cs", "bot-tech"], CreatedAt = now,
            }).ToList();
            groups.ForEach(g => g.Touch(now));
            groups.ForEach(g => db.InsertGroupAsync(g).GetAwaiter().GetResult());

            return new Owner(TokenFor(user.Id), new Dictionary<string, Queue<string>>
            {
                ["/api/conversations"] = new(conversations.Select(c => c.Id)),
                ["/api/group-conversations"] = new(groups.Select(g => g.Id)),
            });
        }

        static string TokenFor(string userId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim("username", "cold")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AppProcess.JwtSecret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
