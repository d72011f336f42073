using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Dev;

public static class DevSteps
{
    public static async Task<UserClient> LoginSeededAsync(this App app, string email = "test@test.com")
    {
        var http = app.CreateClient();
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "123456" });
        var data = await response.AssertDataAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)data["token"]!);
        return new UserClient(http, (string)data["user"]!["id"]!, (string)data["user"]!["username"]!, (string)data["token"]!);
    }

    public static async Task<JsonNode> ResetAsync(this HttpClient anonymous) =>
        await (await anonymous.PostAsync("/api/dev/reset", null)).AssertDataAsync();

    public static async Task<int> TotalAsync(this UserClient user, string url) =>
        (int)(await (await user.Http.GetAsync(url)).ReadJsonAsync())["pagination"]!["total"]!;
}

public sealed class ResetTests
{
    [Fact]
    public async Task Reset_deletes_everything_and_reseeds_keeping_the_seeded_ids_and_tokens()
    {
        using var app = new App();
        var anonymous = app.Anonymous();
        var testuser = await app.LoginSeededAsync();
        var stranger = await app.NewUserAsync();
        foreach (var user in new[] { testuser, stranger })
        {
            var conversation = (string)(await (await user.Http.PostAsJsonAsync("/api/conversations", new { title = "x" })).AssertDataAsync(HttpStatusCode.Created))["id"]!;
            await (await user.Http.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { content = "hi" })).AssertDataAsync(HttpStatusCode.Created);
            await (await user.Http.PostAsJsonAsync("/api/group-conversations", new { name = "g", botIds = new[] { "bot-cs" } })).AssertDataAsync(HttpStatusCode.Created);
        }

        var state = await anonymous.ResetAsync();

        Assert.Equal("""{"users":2,"conversations":0,"groups":0,"messages":0,"models":5,"bots":3}""", state.ToJsonString());
        var me = await (await testuser.Http.GetAsync("/api/auth/me")).AssertDataAsync();
        Assert.Equal(testuser.Id, (string?)me["id"]);
        Assert.Equal(0, await testuser.TotalAsync("/api/conversations"));
        Assert.Equal(0, await testuser.TotalAsync("/api/group-conversations"));
        Assert.Equal(testuser.Id, (await app.LoginSeededAsync()).Id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "test2@test.com", password = "123456" })).StatusCode);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = $"{stranger.Username}@example.com", password = "secret123" }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(state.ToJsonString(), (await (await anonymous.GetAsync("/api/dev/state")).AssertDataAsync()).ToJsonString());
    }

    [Fact]
    public async Task Every_list_read_before_a_reset_is_read_again_after_it()
    {
        using var app = App.With(new Dictionary<string, string?> { ["SEED_DEMO"] = "1" });
        var db = app.Services.GetRequiredService<ChatDb>();
        var testuser = await app.LoginSeededAsync();
        await testuser.SetTagsAsync(await testuser.CreateConversationIdAsync("gone at the reset"), "mine");
        await testuser.Http.PostAsJsonAsync("/api/group-conversations", new { name = "gone at the reset", botIds = new[] { "bot-cs" } });
        var tags = db.Conversations.Find(x => x.UserId == testuser.Id).SelectMany(c => c.Tags).Distinct().ToList();
        await AssertListsAsync();

        // The demo comes back dated from the clock: every key of every list differs from before.
        app.Time.Advance(TimeSpan.FromMinutes(30));
        await app.Anonymous().ResetAsync();

        await AssertListsAsync();

        async Task AssertListsAsync()
        {
            var conversations = db.Conversations.Find(x => x.UserId == testuser.Id).OrderBy(c => c.ListKey, StringComparer.Ordinal).ToList();
            var groups = db.Groups.Find(x => x.OwnerId == testuser.Id).OrderBy(g => g.ListKey, StringComparer.Ordinal).ToList();
            Assert.Equal(conversations.Select(c => c.Id), await testuser.EveryPageIdsAsync("/api/conversations", conversations.Count));
            Assert.Equal(groups.Select(g => g.Id), await testuser.EveryPageIdsAsync("/api/group-conversations", groups.Count, limit: 2));
            foreach (var tag in tags)
            {
                var tagged = conversations.Where(c => c.Tags.Contains(tag)).Select(c => c.Id).ToList();
                Assert.Equal(tagged, await testuser.EveryPageIdsAsync($"/api/conversations?tag={tag}", tagged.Count, limit: 3));
            }
        }
    }

    [Fact]
    public async Task Under_concurrent_load_readers_see_all_or_nothing_and_the_seeded_accounts_log_in_right_after()
    {
        using var app = new App();
        var anonymous = app.Anonymous();
        const int before = 25;
        var reader = await app.LoginSeededAsync();
        for (var i = 0; i < before; i++)
            await (await reader.Http.PostAsJsonAsync("/api/conversations", new { title = $"c{i}" })).AssertDataAsync(HttpStatusCode.Created);

        var statuses = new ConcurrentBag<HttpStatusCode>();
        var totals = new ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        async Task WriteAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var name = "w" + Guid.NewGuid().ToString("N")[..12];
                var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { username = name, email = $"{name}@example.com", password = "secret123" });
                statuses.Add(register.StatusCode);
                if (register.StatusCode != HttpStatusCode.Created) continue;
                var token = (string)(await register.ReadJsonAsync())["data"]!["token"]!;
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations") { Content = JsonContent.Create(new { title = "load" }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var created = await anonymous.SendAsync(request);
                statuses.Add(created.StatusCode);
                if (created.StatusCode != HttpStatusCode.Created) continue;
                var id = (string)(await created.ReadJsonAsync())["data"]!["id"]!;
                var send = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{id}/messages") { Content = JsonContent.Create(new { content = "hi" }) };
                send.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                statuses.Add((await anonymous.SendAsync(send)).StatusCode);
            }
        }
        async Task ReadAsync()
        {
            while (!stop.IsCancellationRequested)
                totals.Add(await reader.TotalAsync("/api/conversations?limit=1"));
        }
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(WriteAsync)).Concat(Enumerable.Range(0, 2).Select(_ => Task.Run(ReadAsync))).ToList();

        // Let the load get going, then reset in its midst; the seeded accounts log in at once.
        await Poll.UntilAsync(() => Task.FromResult(statuses.Count >= 20 && totals.Count >= 5 ? statuses : null), "the load to start");
        var state = await anonymous.ResetAsync();
        var after = await app.LoginSeededAsync();
        await app.LoginSeededAsync("test2@test.com");
        var seen = totals.Count;
        await Poll.UntilAsync(() => Task.FromResult(totals.Count >= seen + 5 ? totals : null), "reads after the reset");
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Equal(reader.Id, after.Id);
        Assert.Equal(0, (int)state["conversations"]!);
        // A writer caught by the reset gets 401/404 for a user or conversation that is gone, never a 500.
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized }));
        Assert.All(totals, total => Assert.Contains(total, new[] { before, 0 }));
        Assert.Contains(before, totals);
        Assert.Contains(0, totals);
        var db = app.Services.GetRequiredService<ChatDb>();
        var users = db.Users.FindAll().Select(u => u.Id).ToHashSet();
        var conversations = db.Conversations.FindAll().ToList();
        Assert.All(conversations, c => Assert.Contains(c.UserId, users));
        var conversationIds = conversations.Select(c => c.Id).ToHashSet();
        Assert.All(db.Messages.FindAll(), m => Assert.Contains(m.ConversationId!, conversationIds));
    }

    [Theory]
    [InlineData("POST", "/api/dev/reset")]
    [InlineData("GET", "/api/dev/state")]
    public async Task With_DEV_ROUTES_0_the_routes_answer_as_unknown_routes(string method, string path)
    {
        using var app = App.With(new Dictionary<string, string?> { ["DEV_ROUTES"] = "0" });
        var anonymous = app.Anonymous();
        var testuser = await app.LoginSeededAsync();
        await testuser.Http.PostAsJsonAsync("/api/conversations", new { title = "kept" });

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var body = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal($$"""{"success":false,"error":"Route not found: {{method}} {{path}}"}""", body.ToJsonString());
        Assert.Equal(1, await testuser.TotalAsync("/api/conversations"));
    }
}

/// <summary>Outside Development, in a real process.</summary>
public sealed class ResetOutsideDevelopmentTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));

    public ResetOutsideDevelopmentTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("1", HttpStatusCode.OK)]
    public async Task In_Production_the_routes_exist_only_with_DEV_ROUTES_1(string? devRoutes, HttpStatusCode status)
    {
        await using var app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"),
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DEV_ROUTES"] = devRoutes });

        using var reset = await app.Client.PostAsync("/api/dev/reset", null);
        using var state = await app.Client.GetAsync("/api/dev/state");

        Assert.Equal(status, reset.StatusCode);
        Assert.Equal(status, state.StatusCode);
        if (status == HttpStatusCode.NotFound)
            Assert.Equal("""{"success":false,"error":"Route not found: POST /api/dev/reset"}""", await reset.Content.ReadAsStringAsync());
    }
}
