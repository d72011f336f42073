using System.Net;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Conversations;
using ChatFake.Tests.Groups.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Hardening;

/// <summary>Many senders and streams in one conversation or group at once: every message stored
/// once, in a stable order; and conversations and groups deleted under them: no 5xx, no message
/// left behind.</summary>
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

        var first = await ListAllAsync(user, $"/api/conversations/{id}/messages");
        var again = await ListAllAsync(user, $"/api/conversations/{id}/messages");
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

    [Fact]
    public async Task Ten_group_streams_and_ten_group_sends_in_one_group_store_each_reply_once()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-tech", "bot-cs", "bot-funny");

        // The clock moves a millisecond as each request starts, while the earlier ones run: the
        // messages get different created_at values, stored in an order that need not be theirs.
        var sends = new List<Task<HttpResponseMessage>>();
        var streams = new List<Task<(HttpStatusCode StatusCode, IReadOnlyList<SseFrame> Frames)>>();
        for (var i = 0; i < 10; i++)
        {
            app.Time.Advance(TimeSpan.FromMilliseconds(1));
            sends.Add(user.PostToGroupAsync(group, new { content = $"send {i}" }));
            app.Time.Advance(TimeSpan.FromMilliseconds(1));
            streams.Add(StreamAsync($"stream {i}"));
        }
        var sent = await Task.WhenAll(sends);
        var streamed = await Task.WhenAll(streams);

        Assert.All(sent, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(streamed, s => Assert.Equal("done", s.Frames[^1].Event));

        var first = await ListAllAsync(user, $"/api/group-conversations/{group}/messages");
        var again = await ListAllAsync(user, $"/api/group-conversations/{group}/messages");
        Assert.Equal(80, first.Count); // 20 user messages, 3 replies each
        Assert.Equal(80, first.Select(m => (string)m["id"]!).Distinct().Count());
        Assert.Equal(first.Select(m => (string)m["id"]!), again.Select(m => (string)m["id"]!));
        var times = first.Select(m => (string)m["created_at"]!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.All(first, m => Assert.Equal(0, (int)m["ai_error"]!));

        // Each bot answered each user message exactly once, in its own voice.
        var contents = first.Where(m => (string)m["sender_type"]! == "user").Select(m => (string)m["content"]!).ToList();
        Assert.Equal(20, contents.Distinct().Count());
        var expected = contents.SelectMany(c => GroupMessageSteps.BotNames.Keys.Select(bot => $"{bot}: {ReplyComposer.ForBot(bot, c).Text}"));
        var replies = first.Where(m => (string)m["sender_type"]! == "bot").Select(m => $"{m["sender_id"]}: {m["content"]}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), replies.Order(StringComparer.Ordinal));

        // The group's updated_at is its newest message's created_at.
        var stored = await (await user.Http.GetAsync($"/api/group-conversations/{group}")).AssertDataAsync();
        Assert.Equal(times.Max(StringComparer.Ordinal), (string?)stored["updated_at"]);

        async Task<(HttpStatusCode, IReadOnlyList<SseFrame>)> StreamAsync(string content)
        {
            using var response = await user.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content });
            return (response.StatusCode, Sse.Parse(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Deleting_conversations_and_groups_while_messages_are_sent_and_streamed_answers_no_5xx_and_leaves_no_message_behind()
    {
        var user = await app.NewUserAsync();
        var failures = new List<string>();
        var deleted = new List<string>();

        for (var round = 0; round < 12; round++)
        {
            var conversation = await user.CreateConversationIdAsync($"doomed {round}");
            var group = await user.CreateGroupIdAsync("bot-cs", "bot-tech");
            deleted.AddRange([conversation, group]);

            // Sends and streams to both, with the deletes fired in the middle of them.
            var requests = new List<Task<string>>();
            for (var i = 0; i < 12; i++)
            {
                requests.Add(Answer($"/api/conversations/{conversation}/messages", i));
                requests.Add(Answer($"/api/conversations/{conversation}/messages/stream", i));
                requests.Add(Answer($"/api/group-conversations/{group}/messages", i));
                requests.Add(Answer($"/api/group-conversations/{group}/messages/stream", i));
                if (i == 4)
                {
                    requests.Add(Deleted($"/api/conversations/{conversation}"));
                    requests.Add(Deleted($"/api/group-conversations/{group}"));
                }
            }
            failures.AddRange((await Task.WhenAll(requests)).Where(f => f.Length > 0));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // Nothing of the deleted conversations and groups is left in the database.
        var db = app.Services.GetRequiredService<ChatDb>();
        var orphans = db.Messages.FindAll()
            .Where(m => deleted.Contains(m.ConversationId ?? "") || deleted.Contains(m.GroupConversationId ?? ""))
            .Select(m => $"{m.Id} of {m.ConversationId ?? m.GroupConversationId}: {m.SenderType} {m.Content}")
            .ToList();
        Assert.True(orphans.Count == 0, $"{orphans.Count} messages outlived their conversation or group:\n{string.Join('\n', orphans)}");
        var threads = db.Conversations.FindAll().Select(c => c.Id).Concat(db.Groups.FindAll().Select(g => g.Id)).ToHashSet();
        Assert.All(db.Messages.FindAll(), m => Assert.Contains(m.ConversationId ?? m.GroupConversationId!, threads));

        // A send, a stream (201/200, or 404 once the thread is gone): "" when fine, else what went wrong.
        async Task<string> Answer(string url, int i)
        {
            var stream = url.EndsWith("/stream", StringComparison.Ordinal);
            using var response = stream
                ? await user.Http.PostStreamAsync(url, new { content = $"message {i}" })
                : await user.Http.SendJsonAsync(HttpMethod.Post, url, new { content = $"message {i}" });
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.NotFound)
                return text.Contains("\"success\":false") ? "" : $"{url}: 404 {text}";
            if (response.StatusCode != (stream ? HttpStatusCode.OK : HttpStatusCode.Created))
                return $"{url}: {(int)response.StatusCode} {text}";
            if (!stream) return "";
            // A stream whose thread went while it ran ends with an error event saying so.
            var last = Sse.Parse(text)[^1];
            return last.Event == "done" || (last.Event == "error" && ((string?)last.Data["message"])!.Contains("deleted"))
                ? "" : $"{url}: stream ended with {last.Event} {last.Data.ToJsonString()}";
        }

        async Task<string> Deleted(string url)
        {
            using var response = await user.Http.DeleteAsync(url);
            return response.StatusCode == HttpStatusCode.OK ? "" : $"DELETE {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
    }

    static async Task<List<JsonNode>> ListAllAsync(UserClient user, string messagesUrl)
    {
        var all = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var data = await (await user.Http.GetAsync($"{messagesUrl}?limit=100&page={page}")).AssertDataAsync();
            var items = data.AsArray().Select(m => m!).ToList();
            if (items.Count == 0) return all;
            all.AddRange(items);
        }
    }
}
