using System.Globalization;
using System.Net;
using System.Text;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Messages;

public sealed class StreamTests(App app) : IClassFixture<App>
{
    static string Url(string conversationId) => $"/api/conversations/{conversationId}/messages/stream";

    static async Task<(HttpResponseMessage Response, IReadOnlyList<SseFrame> Frames)> StreamAsync(
        UserClient user, string conversationId, string content, string? scenario = null)
    {
        var response = await user.Http.PostStreamAsync(Url(conversationId), new { content }, scenario);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, Sse.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Streams_the_reply_as_strict_sse_frames_in_order()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync("gpt-4-turbo");

        var (response, frames) = await StreamAsync(user, conversation, "  你好 👨‍💻 ");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));

        Assert.Equal(["message", .. Enumerable.Repeat("message", frames.Count - 2), "done"], frames.Select(f => f.Event));
        Assert.Equal(["userMessage", "aiMessageStart"], frames.Take(2).Select(f => f.Type));
        Assert.All(frames.Skip(2).SkipLast(2), f => Assert.Equal("aiMessageChunk", f.Type));
        Assert.Equal("aiMessageEnd", frames[^2].Type);
        Assert.Equal("""{"success":true}""", frames[^1].Data.ToJsonString());

        var stored = app.StoredMessages(conversation);
        Assert.Equal(2, stored.Count);
        var (userMessage, aiMessage) = (stored[0], stored[1]);

        var userEvent = frames[0].Data["data"]!;
        Assert.Equal(["type", "data"], frames[0].Data.AsObject().Select(p => p.Key));
        Assert.Equal(userMessage.Id, (string?)userEvent["id"]);
        Assert.Equal("你好 👨‍💻", (string?)userEvent["content"]);
        Assert.Equal(user.Username, (string?)userEvent["sender_name"]);
        Assert.Equal(0, (int)userEvent["ai_error"]!);

        var start = frames[1].Data["data"]!.AsObject();
        Assert.Equal(["id", "sender_type", "created_at"], start.Select(p => p.Key));
        Assert.Equal(aiMessage.Id, (string?)start["id"]);
        Assert.Equal("bot", (string?)start["sender_type"]);
        Assert.Equal(Timestamps.Format(aiMessage.CreatedAt), (string?)start["created_at"]);

        var chunks = frames.Skip(2).SkipLast(2).Select(f => f.Data["data"]!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal(["messageId", "content"], c.Select(p => p.Key)));
        Assert.All(chunks, c => Assert.Equal(aiMessage.Id, (string?)c["messageId"]));
        var pieces = chunks.Select(c => (string)c["content"]!).ToList();
        Assert.StartsWith("[gpt-4-turbo] ", pieces[0]);
        Assert.Equal(1, new StringInfo(pieces[0]["[gpt-4-turbo] ".Length..]).LengthInTextElements);
        Assert.All(pieces.Skip(1), p => Assert.Equal(1, new StringInfo(p).LengthInTextElements));

        var end = frames[^2].Data["data"]!.AsObject();
        Assert.Equal(["messageId", "content"], end.Select(p => p.Key));
        Assert.Equal(aiMessage.Id, (string?)end["messageId"]);

        var expected = ReplyComposer.ForModel("gpt-4-turbo", "你好 👨‍💻").Text;
        Assert.Equal(expected, string.Concat(pieces));
        Assert.Equal(expected, (string?)end["content"]);
        Assert.Equal(expected, aiMessage.Content);
        Assert.Equal(("gpt-4-turbo", "GPT-4 Turbo", "gpt-4-turbo", "bot"), (aiMessage.SenderId, aiMessage.SenderName, aiMessage.ModelId, aiMessage.SenderType));
        Assert.Equal((0, null), (aiMessage.AiError, aiMessage.ErrorMessage));
        Assert.Equal(aiMessage.CreatedAt, app.Db().Conversations.FindById(conversation).UpdatedAt);
    }

    [Fact]
    public async Task The_streamed_reply_is_the_plain_reply_for_every_model()
    {
        var user = await app.NewUserAsync();
        foreach (var model in new[] { "gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "claude-3-opus", "claude-3-sonnet" })
        {
            var plain = await user.NewConversationAsync(model);
            var streamed = await user.NewConversationAsync(model);

            var sent = await (await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{plain}/messages",
                new { content = "Explain streaming" })).AssertDataAsync(HttpStatusCode.Created);
            var (_, frames) = await StreamAsync(user, streamed, "Explain streaming");

            var chunks = string.Concat(frames.Where(f => f.Type == "aiMessageChunk").Select(f => (string)f.Data["data"]!["content"]!));
            Assert.Equal((string?)sent["aiMessage"]!["content"], chunks);
        }
    }

    [Fact]
    public async Task When_every_attempt_fails_the_stream_is_the_user_message_then_an_error()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var (_, frames) = await StreamAsync(user, conversation, "hello", "error");

        Assert.Equal(["message", "error"], frames.Select(f => f.Event));
        Assert.Equal("userMessage", frames[0].Type);
        const string error = "AI service temporarily unavailable (gave up after 3 attempts)";
        Assert.Equal($$"""{"type":"error","message":"{{error}}"}""", frames[1].Data.ToJsonString());
        var stored = Assert.Single(app.StoredMessages(conversation));
        Assert.Equal((1, error), (stored.AiError, stored.ErrorMessage));
    }

    [Fact]
    public async Task Flaky_and_slow_streams_end_with_done()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        Assert.Equal("done", (await StreamAsync(user, conversation, "one", "flaky")).Frames[^1].Event);
        Assert.Equal("done", (await StreamAsync(user, conversation, "two", "slow")).Frames[^1].Event);
        Assert.Equal(4, app.StoredMessages(conversation).Count);
    }

    [Fact]
    public async Task Timeout_keeps_the_stream_waiting_through_every_attempt_then_sends_the_error()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        using var response = await user.Http.PostStreamAsync(Url(conversation), new { content = "hello" }, "timeout");
        await using var frames = Sse.ReadAsync(await response.Content.ReadAsStreamAsync()).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        Assert.Equal("userMessage", frames.Current.Type);

        var next = frames.MoveNextAsync().AsTask();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await watched.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
            Assert.False(next.IsCompleted, $"an event arrived before attempt {attempt} timed out");
            watched.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.True(await next);
        Assert.Equal("error", frames.Current.Event);
        Assert.Equal("AI request timed out after 30s (gave up after 3 attempts)", (string?)frames.Current.Data["message"]);
        Assert.False(await frames.MoveNextAsync());
        Assert.Equal(1, Assert.Single(watched.StoredMessages(conversation)).AiError);
    }

    [Theory]
    [InlineData("""{"content":"   "}""", null, HttpStatusCode.BadRequest)]
    [InlineData("""{"content":"hi"}""", "nope", HttpStatusCode.BadRequest)]
    [InlineData("""{"content":""")]
    public async Task Checks_fail_as_json_before_the_stream_starts(string body, string? scenario = null,
        HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, Url(conversation), body,
            scenario is null ? null : new Dictionary<string, string> { [Scenarios.Header] = scenario });

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        await response.AssertErrorAsync(status);
        Assert.Empty(app.StoredMessages(conversation));
    }

    [Fact]
    public async Task Another_users_conversation_is_not_found_before_any_stream()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var conversation = await owner.NewConversationAsync();

        var response = await stranger.Http.PostStreamAsync(Url(conversation), new { content = "hi" });

        var body = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)body["error"]);
        Assert.Empty(app.StoredMessages(conversation));
        await (await app.Anonymous().PostStreamAsync(Url(conversation), new { content = "hi" })).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Disconnects, against the app on a real Kestrel port with real delays.</summary>
public sealed class StreamDisconnectTests(AppProcess.RealDelays server) : IClassFixture<AppProcess.RealDelays>
{
    const string ModelId = "gpt-3.5-turbo";

    static string Url(string conversationId) => $"/api/conversations/{conversationId}/messages/stream";

    [Fact]
    public async Task A_client_leaving_mid_stream_keeps_exactly_a_prefix_of_the_reply_marked_interrupted()
    {
        var user = await server.NewUserAsync();
        var conversation = await user.NewConversationAsync(ModelId);
        const string content = "Tell me a long story about streaming, please";
        var full = ReplyComposer.ForModel(ModelId, content).Text;
        Assert.True(full.Length > 100, "a reply long enough to still be streaming after 5 chunks");

        var received = new StringBuilder();
        using (var response = await user.Http.PostStreamAsync(Url(conversation), new { content }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var chunks = 0;
            await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
            {
                if (frame.Type != "aiMessageChunk") continue;
                received.Append((string)frame.Data["data"]!["content"]!);
                if (++chunks == 5) break;
            }
        }

        var messages = await Poll.UntilAsync(async () =>
        {
            var list = await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync();
            return list.AsArray().Count == 2 ? list.AsArray() : null;
        }, "the interrupted reply to be stored");

        Assert.Equal((0, null), ((int)messages[0]!["ai_error"]!, (string?)messages[0]!["error_message"]));
        var partial = (string)messages[1]!["content"]!;
        Assert.Equal(1, (int)messages[1]!["ai_error"]!);
        Assert.Equal("interrupted", (string?)messages[1]!["error_message"]);
        Assert.StartsWith(received.ToString(), partial);
        Assert.StartsWith(partial, full);
        Assert.True(partial.Length < full.Length, $"the whole reply was stored: {partial}");
    }

    [Fact]
    public async Task A_client_leaving_before_the_reply_starts_marks_its_message_interrupted()
    {
        var user = await server.NewUserAsync();
        var conversation = await user.NewConversationAsync(ModelId);

        // timeout: the model spends 30 s on its first attempt, long after the client has gone
        using (var response = await user.Http.PostStreamAsync(Url(conversation), new { content = "hello" }, "timeout"))
        {
            await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
            {
                Assert.Equal("userMessage", frame.Type);
                break;
            }
        }

        var message = await Poll.UntilAsync(async () =>
        {
            var list = await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync();
            var only = list.AsArray().Single()!;
            return (int)only["ai_error"]! == 1 ? only : null;
        }, "the user message to be marked interrupted");

        Assert.Equal("interrupted", (string?)message["error_message"]);
        Assert.Equal("hello", (string?)message["content"]);
    }
}
