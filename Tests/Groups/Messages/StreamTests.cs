using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Groups.Messages;

public sealed class StreamTests(App app) : IClassFixture<App>
{
    static async Task<(HttpResponseMessage Response, IReadOnlyList<SseFrame> Frames)> StreamAsync(
        UserClient user, string groupId, string content, string? scenario = null)
    {
        var response = await user.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(groupId), new { content }, scenario);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, Sse.Parse(await response.Content.ReadAsStringAsync()));
    }

    static JsonObject DataOf(SseFrame frame) => frame.Data["data"]!.AsObject();

    [Fact]
    public async Task Streams_each_bot_in_turn_in_bot_id_order_as_strict_sse_frames()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-tech", "bot-funny", "bot-cs");
        const string content = "大家好 👨‍💻";

        var (response, frames) = await StreamAsync(user, group, "  " + content + " ");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));

        // The exact order: the user message; per bot by id its start, one chunk per character,
        // its end; one done.
        string[] expected =
        [
            "message:userMessage",
            .. GroupSetup.SeededBotIds.SelectMany(bot => (string[])
            [
                "message:aiMessageStart",
                .. ReplyComposer.ForBot(bot, content).Chunks().Select(_ => "message:aiMessageChunk"),
                "message:aiMessageEnd",
            ]),
            "done:",
        ];
        Assert.Equal(expected, frames.Select(f => $"{f.Event}:{f.Type}"));
        Assert.Equal("""{"success":true}""", frames[^1].Data.ToJsonString());

        var stored = app.StoredGroupMessages(group);
        Assert.Equal(4, stored.Count);

        var userEvent = DataOf(frames[0]);
        Assert.Equal(["type", "data"], frames[0].Data.AsObject().Select(p => p.Key));
        Assert.Equal(GroupMessageSteps.MessageFields, userEvent.Select(p => p.Key));
        Assert.Equal(stored[0].Id, (string?)userEvent["id"]);
        Assert.Equal(user.Username, (string?)userEvent["sender_name"]);
        Assert.Equal(content, (string?)userEvent["content"]);
        Assert.Equal(group, (string?)userEvent["group_conversation_id"]);
        Assert.Null(userEvent["conversation_id"]);

        var starts = frames.Select((f, i) => (f, i)).Where(x => x.f.Type == "aiMessageStart").Select(x => x.i).ToList();
        for (var b = 0; b < 3; b++)
        {
            var botId = GroupSetup.SeededBotIds[b];
            var name = GroupMessageSteps.BotNames[botId];
            var message = stored[b + 1];
            var startIndex = starts[b];
            var endIndex = frames.Select((f, i) => (f, i)).First(x => x.i > startIndex && x.f.Type == "aiMessageEnd").i;

            var start = DataOf(frames[startIndex]);
            Assert.Equal(["id", "sender_type", "sender_name", "created_at"], start.Select(p => p.Key));
            Assert.Equal((message.Id, "bot", name), ((string?)start["id"], (string?)start["sender_type"], (string?)start["sender_name"]));
            Assert.Equal(Timestamps.Format(message.CreatedAt), (string?)start["created_at"]);

            var chunks = frames.Skip(startIndex + 1).Take(endIndex - startIndex - 1).Select(DataOf).ToList();
            Assert.All(chunks, c => Assert.Equal(["messageId", "sender_name", "content"], c.Select(p => p.Key)));
            Assert.All(chunks, c => Assert.Equal((message.Id, name), ((string?)c["messageId"], (string?)c["sender_name"])));
            var pieces = chunks.Select(c => (string)c["content"]!).ToList();
            Assert.All(pieces, p => Assert.Equal(1, new StringInfo(p).LengthInTextElements));

            var end = DataOf(frames[endIndex]);
            Assert.Equal(["messageId", "sender_name", "content"], end.Select(p => p.Key));
            Assert.Equal((message.Id, name), ((string?)end["messageId"], (string?)end["sender_name"]));

            var reply = ReplyComposer.ForBot(botId, content).Text;
            Assert.Equal(reply, string.Concat(pieces));
            Assert.Equal(reply, (string?)end["content"]);
            Assert.Equal(reply, message.Content);
            Assert.Equal((botId, name, "bot", null, 0, null), (message.SenderId, message.SenderName, message.SenderType, message.ModelId, message.AiError, message.ErrorMessage));
            Assert.Equal((group, null), (message.GroupConversationId, message.ConversationId));
        }
        Assert.Equal(stored[^1].CreatedAt, app.Db().Groups.FindById(group).UpdatedAt);
    }

    [Fact]
    public async Task The_streamed_replies_are_the_plain_replies_and_a_stream_stores_one_message_per_bot()
    {
        var user = await app.NewUserAsync();
        var plain = await user.CreateGroupIdAsync();
        var streamed = await user.CreateGroupIdAsync();

        var sent = await (await user.PostToGroupAsync(plain, new { content = "Explain streaming" })).AssertDataAsync(HttpStatusCode.Created);
        var (_, frames) = await StreamAsync(user, streamed, "Explain streaming");

        var ends = frames.Where(f => f.Type == "aiMessageEnd").Select(f => (string?)DataOf(f)["content"]);
        Assert.Equal(sent["botMessages"]!.AsArray().Select(m => (string?)m!["content"]), ends);

        // Read again once the stream has ended: the bots' messages set off nothing more.
        var listed = await user.Http.ListGroupMessagesAsync(streamed);
        Assert.Equal(["user", "bot", "bot", "bot"], listed.Select(m => (string?)m!["sender_type"]));
        Assert.Equal(ends, listed.Skip(1).Select(m => (string?)m!["content"]));
        Assert.Equal(listed.ToJsonString(), (await user.Http.ListGroupMessagesAsync(streamed)).ToJsonString());
    }

    [Fact]
    public async Task A_stream_moves_the_group_to_the_top_of_the_list()
    {
        var user = await app.NewUserAsync();
        var older = await user.CreateGroupIdAsync("bot-funny");
        var newer = await user.CreateGroupIdAsync("bot-funny");
        app.Time.Advance(TimeSpan.FromMinutes(5));

        await StreamAsync(user, older, "hi");

        var listed = (await (await user.Http.GetAsync("/api/group-conversations")).AssertDataAsync()).AsArray();
        Assert.Equal([older, newer], listed.Select(g => (string?)g!["id"]));
        Assert.Equal(Timestamps.Format(app.StoredGroupMessages(older)[^1].CreatedAt), (string?)listed[0]!["updated_at"]);
    }

    [Fact]
    public async Task When_the_first_bot_fails_the_stream_is_the_user_message_then_an_error()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var (_, frames) = await StreamAsync(user, group, "hello", "error");

        Assert.Equal(["message", "error"], frames.Select(f => f.Event));
        Assert.Equal("userMessage", frames[0].Type);
        const string error = "客服机器人: AI service temporarily unavailable (gave up after 3 attempts)";
        JsonAssert.Equal($$"""{"type":"error","message":"{{error}}"}""", frames[1].Data);
        var stored = Assert.Single(app.StoredGroupMessages(group));
        Assert.Equal((1, error), (stored.AiError, stored.ErrorMessage));
    }

    [Fact]
    public async Task A_bot_failing_after_others_answered_ends_the_stream_with_an_error_and_keeps_their_replies()
    {
        // Each attempt fails at random, once: streams end in every possible place. The contract
        // is checked for each of them, until a bot has failed after another one answered.
        using var failing = App.With(new Dictionary<string, string?> { ["AI_FAILURE_RATE"] = "0.5", ["AI_MAX_RETRIES"] = "0" });
        var user = await failing.NewUserAsync();
        var group = await user.CreateGroupIdAsync();
        var seenLateFailure = false;

        for (var send = 0; send < 200 && !seenLateFailure; send++)
        {
            var before = failing.StoredGroupMessages(group).Count;
            var (_, frames) = await StreamAsync(user, group, $"question {send}");
            var stored = failing.StoredGroupMessages(group).Skip(before).ToList();
            var answered = frames.Where(f => f.Type == "aiMessageEnd").Select(f => (string)DataOf(f)["messageId"]!).ToList();

            Assert.Equal(answered.Count, frames.Count(f => f.Type == "aiMessageStart"));
            Assert.Equal([stored[0].Id, .. answered], stored.Select(m => m.Id));
            if (frames[^1].Event == "done")
            {
                Assert.Equal(3, answered.Count);
                continue;
            }
            Assert.Equal("error", frames[^1].Event);
            Assert.Equal(1, frames.Count(f => f.Event is "error" or "done"));
            var failed = GroupMessageSteps.BotNames[GroupSetup.SeededBotIds[answered.Count]];
            Assert.Equal($"{failed}: AI service temporarily unavailable (gave up after 1 attempt)", (string?)frames[^1].Data["message"]);
            Assert.Equal((1, (string?)frames[^1].Data["message"]), (stored[0].AiError, stored[0].ErrorMessage));
            Assert.All(stored.Skip(1), m => Assert.Equal(0, m.AiError));
            seenLateFailure = answered.Count > 0;
        }

        Assert.True(seenLateFailure, "no stream failed at its second or third bot");
    }

    [Fact]
    public async Task Flaky_and_slow_streams_end_with_done()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var flaky = (await StreamAsync(user, group, "one", "flaky")).Frames;
        Assert.Equal("done", flaky[^1].Event);
        Assert.Equal(3, flaky.Count(f => f.Type == "aiMessageEnd"));
        Assert.Equal("done", (await StreamAsync(user, group, "two", "slow")).Frames[^1].Event);
        Assert.Equal(8, app.StoredGroupMessages(group).Count);
    }

    [Fact]
    public async Task Timeout_keeps_the_stream_waiting_through_the_first_bots_attempts_then_sends_the_error()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        using var response = await user.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content = "hello" }, "timeout");
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
        Assert.Equal("客服机器人: AI request timed out after 30s (gave up after 3 attempts)", (string?)frames.Current.Data["message"]);
        Assert.False(await frames.MoveNextAsync());
        Assert.Equal(1, Assert.Single(watched.StoredGroupMessages(group)).AiError);
    }

    [Theory]
    [InlineData("""{"content":"   "}""", null)]
    [InlineData("""{"content":"hi"}""", "nope")]
    [InlineData("""{"content":""", null)]
    [InlineData("[]", null)]
    public async Task Checks_fail_as_json_before_the_stream_starts(string body, string? scenario)
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, GroupMessageSteps.StreamUrl(group), body,
            scenario is null ? null : new Dictionary<string, string> { [Scenarios.Header] = scenario });

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Empty(app.StoredGroupMessages(group));
    }

    [Fact]
    public async Task Another_users_group_is_not_found_before_any_stream()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var group = await owner.CreateGroupIdAsync();

        var response = await stranger.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content = "hi" });

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("""{"success":false,"error":"Group conversation not found"}""", body.ToJsonString());
        await (await app.Anonymous().PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content = "hi" }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(app.StoredGroupMessages(group));
    }
}

/// <summary>Disconnects, against the app on a real Kestrel port with real delays.</summary>
public sealed class StreamDisconnectTests(AppProcess.RealDelays server) : IClassFixture<AppProcess.RealDelays>
{
    [Fact]
    public async Task A_client_leaving_during_the_second_bot_keeps_the_first_whole_the_second_partial_and_never_starts_the_third()
    {
        var user = await server.NewUserAsync();
        var group = await CreateGroupAsync(user);
        const string content = "Tell me a long story about streaming, please";
        var second = ReplyComposer.ForBot("bot-funny", content).Text;
        Assert.True(second.Length > 100, "a reply long enough to still be streaming after 3 chunks");

        var starts = new List<string>();
        var received = "";
        using (var response = await user.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var chunks = 0;
            await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
            {
                if (frame.Type == "aiMessageStart") starts.Add((string)frame.Data["data"]!["sender_name"]!);
                if (frame.Type != "aiMessageChunk" || starts.Count < 2) continue;
                received += (string)frame.Data["data"]!["content"]!;
                if (++chunks == 3) break;
            }
        }

        var messages = await Poll.UntilAsync(async () =>
        {
            var list = await user.Http.ListGroupMessagesAsync(group);
            return list.Count == 3 && (int)list[2]!["ai_error"]! == 1 ? list : null;
        }, "the interrupted reply to be stored");

        Assert.Equal(["客服机器人", "幽默机器人"], starts);
        Assert.Equal((0, null), ((int)messages[0]!["ai_error"]!, (string?)messages[0]!["error_message"]));
        Assert.Equal(("bot-cs", ReplyComposer.ForBot("bot-cs", content).Text, 0),
            ((string?)messages[1]!["sender_id"], (string?)messages[1]!["content"], (int)messages[1]!["ai_error"]!));
        var partial = (string)messages[2]!["content"]!;
        Assert.Equal(("bot-funny", "interrupted"), ((string?)messages[2]!["sender_id"], (string?)messages[2]!["error_message"]));
        Assert.StartsWith(received, partial);
        Assert.StartsWith(partial, second);
        Assert.True(partial.Length < second.Length, $"the whole reply was stored: {partial}");
        // The stream's producer has finished (it stored the partial on its way out): bot-tech never starts.
        Assert.Equal(3, (await user.Http.ListGroupMessagesAsync(group)).Count);
    }

    [Fact]
    public async Task A_client_leaving_before_any_bot_starts_marks_its_message_interrupted()
    {
        var user = await server.NewUserAsync();
        var group = await CreateGroupAsync(user);

        // timeout: the first bot spends 30 s on its first attempt, long after the client has gone
        using (var response = await user.Http.PostStreamAsync(GroupMessageSteps.StreamUrl(group), new { content = "hello" }, "timeout"))
        {
            await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
            {
                Assert.Equal("userMessage", frame.Type);
                break;
            }
        }

        var message = await Poll.UntilAsync(async () =>
        {
            var only = (await user.Http.ListGroupMessagesAsync(group)).Single()!;
            return (int)only["ai_error"]! == 1 ? only : null;
        }, "the user message to be marked interrupted");

        Assert.Equal("interrupted", (string?)message["error_message"]);
        Assert.Equal("hello", (string?)message["content"]);
    }

    static async Task<string> CreateGroupAsync(UserClient user)
    {
        var response = await user.Http.SendJsonAsync(HttpMethod.Post, "/api/group-conversations",
            new { name = "Disconnects", botIds = GroupSetup.SeededBotIds });
        return (string)(await response.AssertDataAsync(HttpStatusCode.Created))["id"]!;
    }
}
