using System.Net;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;

namespace ChatFake.Tests.Dev;

/// <summary>SEED_DEMO=1: testuser's full sidebar, the same in every database, never duplicated.</summary>
public sealed class DemoDataTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));

    public DemoDataTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    App DemoApp(string database = "chatfake.db") => App.With(new Dictionary<string, string?>
    {
        ["SEED_DEMO"] = "1",
        ["DATABASE_PATH"] = Path.Combine(directory, database),
    });

    /// <summary>Everything testuser sees but the dates: each conversation with all its messages, then each group's.</summary>
    static async Task<List<string>> SidebarAsync(UserClient user)
    {
        var seen = new List<string>();
        foreach (var (list, fields) in new[] { ("/api/conversations", new[] { "title", "model_id", "tags" }), ("/api/group-conversations", new[] { "name", "bots" }) })
        {
            var threads = await (await user.Http.GetAsync(list + "?limit=100")).AssertDataAsync();
            foreach (var thread in threads.AsArray())
            {
                var messages = await (await user.Http.GetAsync($"{list}/{thread!["id"]}/messages?limit=100")).ReadJsonAsync();
                seen.Add(string.Join(" | ", fields.Select(f => thread[f]!.ToJsonString())) + $" | {messages["pagination"]!["total"]} messages | " +
                         string.Join(" / ", messages["data"]!.AsArray().Select(m => $"{m!["sender_name"]}: {m["content"]} ({m["ai_error"]}, {m["error_message"]})")));
            }
        }
        return seen;
    }

    [Fact]
    public async Task Testuser_gets_60_conversations_of_every_model_5_groups_threads_of_2_to_500_and_failures()
    {
        using var app = DemoApp();
        var user = await app.LoginSeededAsync();

        var conversations = (await (await user.Http.GetAsync("/api/conversations?limit=100")).AssertDataAsync()).AsArray();
        Assert.Equal(60, conversations.Count);
        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"],
            conversations.Select(c => (string)c!["model_id"]!).Distinct().Order());
        Assert.Equal(60, conversations.Select(c => (string)c!["id"]!).Distinct().Count());
        Assert.Contains(conversations, c => ((string)c!["title"]!).Any(ch => ch is >= '\u4E00' and <= '\u9FFF'));
        var now = app.Time.GetUtcNow().UtcDateTime;
        Assert.All(conversations, c => Assert.InRange(DateTime.Parse((string)c!["updated_at"]!).ToUniversalTime(), now.AddDays(-90), now));
        var tags = (await (await user.Http.GetAsync("/api/tags")).AssertDataAsync()).AsArray();
        Assert.InRange(tags.Count, 3, 20);

        var counts = new List<int>();
        var failures = new List<JsonNode>();
        foreach (var conversation in conversations)
        {
            var url = $"/api/conversations/{conversation!["id"]}/messages?limit=100";
            var page = await (await user.Http.GetAsync(url)).ReadJsonAsync();
            counts.Add((int)page["pagination"]!["total"]!);
            failures.AddRange(page["data"]!.AsArray().Where(m => (int)m!["ai_error"]! == 1).Select(m => m!));
        }
        Assert.Equal(500, counts.Max());
        Assert.Equal(2, counts.Min());
        Assert.Contains(failures, m => (string?)m["sender_type"] == "user" && ((string)m["error_message"]!).StartsWith("AI service temporarily unavailable"));
        Assert.Contains(failures, m => (string?)m["sender_type"] == "bot" && (string?)m["error_message"] == "interrupted");

        var groups = (await (await user.Http.GetAsync("/api/group-conversations")).AssertDataAsync()).AsArray();
        Assert.Equal(5, groups.Count);
        foreach (var group in groups)
        {
            var messages = (await (await user.Http.GetAsync($"/api/group-conversations/{group!["id"]}/messages?limit=100")).AssertDataAsync()).AsArray();
            var bots = group["bots"]!.AsArray().Select(b => (string)b!["id"]!).ToList();
            Assert.Equal("user", (string?)messages[0]!["sender_type"]);
            // Each bot answers what the user said, in id order, as the live group would.
            var asked = (string)messages[0]!["content"]!;
            Assert.Equal(bots.Select(bot => ReplyComposer.ForBot(bot, asked).Text), messages.Skip(1).Take(bots.Count).Select(m => (string)m!["content"]!));
        }

        var other = await app.LoginSeededAsync("test2@test.com");
        Assert.Equal(0, await other.TotalAsync("/api/conversations"));
    }

    [Fact]
    public async Task Seeding_again_and_resetting_change_nothing_and_another_database_gets_the_same_history()
    {
        List<string> first;
        using (var app = DemoApp())
            first = await SidebarAsync(await app.LoginSeededAsync());

        List<string> again;
        using (var app = DemoApp())
        {
            var user = await app.LoginSeededAsync();
            again = await SidebarAsync(user);
            var state = await app.Anonymous().ResetAsync();
            Assert.Equal(60, (int)state["conversations"]!);
            Assert.Equal(5, (int)state["groups"]!);
            Assert.Equal(first, await SidebarAsync(user));
        }

        List<string> elsewhere;
        using (var app = DemoApp("other.db"))
            elsewhere = await SidebarAsync(await app.LoginSeededAsync());

        Assert.Equal(65, first.Count);
        Assert.Equal(first, again);
        Assert.Equal(first, elsewhere);
    }

    [Fact]
    public async Task A_deleted_demo_conversation_comes_back_alone_at_the_next_start()
    {
        string deleted;
        using (var app = DemoApp())
        {
            var user = await app.LoginSeededAsync();
            deleted = (string)(await (await user.Http.GetAsync("/api/conversations?limit=1")).AssertDataAsync())[0]!["id"]!;
            Assert.Equal(HttpStatusCode.OK, (await user.Http.DeleteAsync($"/api/conversations/{deleted}")).StatusCode);
            Assert.Equal(59, await user.TotalAsync("/api/conversations"));
        }
        using (var app = DemoApp())
        {
            var user = await app.LoginSeededAsync();
            Assert.Equal(60, await user.TotalAsync("/api/conversations"));
            Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync($"/api/conversations/{deleted}")).StatusCode);
            var state = await (await app.Anonymous().GetAsync("/api/dev/state")).AssertDataAsync();
            Assert.Equal(60, (int)state["conversations"]!);
        }
    }
}
