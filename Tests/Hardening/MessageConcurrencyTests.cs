using System.Net;
using System.Text.Json.Nodes;
using ChatFake.Tests.Conversations;

namespace ChatFake.Tests.Hardening;

/// <summary>Many senders and streams in one conversation at once: every message stored once, in a stable order.</summary>
public sealed class MessageConcurrencyTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Fifty_senders_and_twenty_streams_in_one_conversation_lose_and_duplicate_nothing()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateConversationAsync(new { modelId = "gpt-4" }))["id"]!;

        var sends = Enumerable.Range(0, 50).Select(i =>
            user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{id}/messages", new { content = $"send {i}" }));
        var streams = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await user.Http.PostStreamAsync($"/api/conversations/{id}/messages/stream", new { content = $"stream {i}" });
            return (response.StatusCode, Frames: Sse.Parse(await response.Content.ReadAsStringAsync()));
        });
        var sent = await Task.WhenAll(sends);
        var streamed = await Task.WhenAll(streams);

        Assert.All(sent, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(streamed, s => Assert.Equal("done", s.Frames[^1].Event));

        var first = await ListAllAsync(user, id);
        var again = await ListAllAsync(user, id);
        Assert.Equal(140, first.Count);
        Assert.Equal(140, first.Select(m => (string)m["id"]!).Distinct().Count());
        Assert.Equal(first.Select(m => (string)m["id"]!), again.Select(m => (string)m["id"]!));
        var times = first.Select(m => (string)m["created_at"]!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);

        // Every user message has exactly one reply, stored after it.
        var contents = first.Where(m => (string)m["sender_type"]! == "user").Select(m => (string)m["content"]!).ToList();
        Assert.Equal(70, contents.Distinct().Count());
        Assert.Equal(70, first.Count(m => (string)m["sender_type"]! == "bot" && (int)m["ai_error"]! == 0));
    }

    static async Task<List<JsonNode>> ListAllAsync(UserClient user, string id)
    {
        var all = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var data = await (await user.Http.GetAsync($"/api/conversations/{id}/messages?limit=100&page={page}")).AssertDataAsync();
            var items = data.AsArray().Select(m => m!).ToList();
            if (items.Count == 0) return all;
            all.AddRange(items);
        }
    }
}
