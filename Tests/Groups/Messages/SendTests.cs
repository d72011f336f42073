using ChatFake.Features.Chat;
using System.Net;
using System.Net.Http.Json;
using ChatFake.Features.Groups.Messages;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Groups.Messages;

public sealed class SendTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Answers_201_with_the_user_message_and_each_bots_reply_in_bot_id_order()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-tech", "bot-cs", "bot-funny");

        var response = await user.PostToGroupAsync(group, new { content = "  你好，大家！ " });

        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        Assert.Equal(["userMessage", "botMessages"], data.AsObject().Select(p => p.Key));

        var userMessage = data["userMessage"]!.AsObject();
        Assert.Equal(GroupMessageSteps.MessageFields, userMessage.Select(p => p.Key));
        Assert.Null(userMessage["conversation_id"]);
        Assert.Equal(group, (string?)userMessage["group_conversation_id"]);
        Assert.Equal(user.Id, (string?)userMessage["sender_id"]);
        Assert.Equal("user", (string?)userMessage["sender_type"]);
        Assert.Equal(user.Username, (string?)userMessage["sender_name"]);
        Assert.Equal("你好，大家！", (string?)userMessage["content"]);
        Assert.Null(userMessage["model_id"]);
        Assert.Equal(0, (int)userMessage["ai_error"]!);
        Assert.Null(userMessage["error_message"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)userMessage["created_at"]);

        var botMessages = data["botMessages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(GroupSetup.SeededBotIds, botMessages.Select(m => (string?)m["sender_id"]));
        foreach (var bot in botMessages)
        {
            var botId = (string)bot["sender_id"]!;
            Assert.Equal(GroupMessageSteps.MessageFields, bot.Select(p => p.Key));
            Assert.Null(bot["conversation_id"]);
            Assert.Equal(group, (string?)bot["group_conversation_id"]);
            Assert.Equal("bot", (string?)bot["sender_type"]);
            Assert.Equal(GroupMessageSteps.BotNames[botId], (string?)bot["sender_name"]);
            Assert.Equal(ReplyComposer.ForBot(botId, "你好，大家！").Text, (string?)bot["content"]);
            Assert.Null(bot["model_id"]);
            Assert.Equal(0, (int)bot["ai_error"]!);
            Assert.Null(bot["error_message"]);
        }

        // Exactly what the list shows, in the same order.
        var listed = await user.Http.ListGroupMessagesAsync(group);
        Assert.Equal([userMessage.ToJsonString(), .. botMessages.Select(m => m.ToJsonString())], listed.Select(m => m!.ToJsonString()));
    }

    [Fact]
    public async Task Only_the_groups_own_bots_answer()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-tech", "bot-funny");

        var data = await (await user.PostToGroupAsync(group, new { content = "hello" })).AssertDataAsync(HttpStatusCode.Created);

        Assert.Equal(["bot-funny", "bot-tech"], data["botMessages"]!.AsArray().Select(m => (string?)m!["sender_id"]));
    }

    [Fact]
    public async Task The_three_bots_answer_one_message_each_in_its_own_voice_the_same_way_every_time()
    {
        var user = await app.NewUserAsync();
        var first = await user.CreateGroupIdAsync();
        var second = await user.CreateGroupIdAsync();

        foreach (var content in new[] { "我的订单一直没有发货，怎么办？", "How do I center a div?", "讲个笑话" })
        {
            var a = await (await user.PostToGroupAsync(first, new { content })).AssertDataAsync(HttpStatusCode.Created);
            var b = await (await user.PostToGroupAsync(second, new { content })).AssertDataAsync(HttpStatusCode.Created);

            var replies = a["botMessages"]!.AsArray().Select(m => (string)m!["content"]!).ToList();
            Assert.Equal(3, replies.Distinct().Count());
            Assert.Equal(replies, b["botMessages"]!.AsArray().Select(m => (string)m!["content"]!));
            Assert.All(replies, r => Assert.DoesNotContain("[", r[..1]));
        }

        // In Chinese the customer-service bot, and only it, addresses the user politely (您).
        var chinese = await (await user.PostToGroupAsync(first, new { content = "今天天气怎么样" })).AssertDataAsync(HttpStatusCode.Created);
        var voices = chinese["botMessages"]!.AsArray().ToDictionary(m => (string)m!["sender_id"]!, m => (string)m!["content"]!);
        Assert.Contains("您", voices["bot-cs"]);
        Assert.DoesNotContain("您", voices["bot-funny"]);
        Assert.DoesNotContain("您", voices["bot-tech"]);
    }

    [Fact]
    public async Task A_send_stores_one_user_message_and_one_reply_per_bot_and_the_replies_set_off_nothing()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-cs", "bot-tech");

        await (await user.PostToGroupAsync(group, new { content = "first" })).AssertDataAsync(HttpStatusCode.Created);
        var afterOne = await user.Http.ListGroupMessagesAsync(group);
        // Asked again: the bots' own messages never made another bot answer.
        var again = await user.Http.ListGroupMessagesAsync(group);
        await (await user.PostToGroupAsync(group, new { content = "second" })).AssertDataAsync(HttpStatusCode.Created);
        var afterTwo = await user.Http.ListGroupMessagesAsync(group);

        Assert.Equal(["user", "bot", "bot"], afterOne.Select(m => (string?)m!["sender_type"]));
        Assert.Equal(afterOne.ToJsonString(), again.ToJsonString());
        Assert.Equal(["user", "bot", "bot", "user", "bot", "bot"], afterTwo.Select(m => (string?)m!["sender_type"]));
        Assert.Equal(6, app.StoredGroupMessages(group).Count);
    }

    [Fact]
    public async Task Every_stored_message_bumps_the_groups_updated_at_and_moves_it_to_the_top_of_the_list()
    {
        var user = await app.NewUserAsync();
        var older = await user.CreateGroupIdAsync();
        var newer = await user.CreateGroupIdAsync();
        var before = app.Db().Groups.FindById(older);
        app.Time.Advance(TimeSpan.FromMinutes(5));

        await (await user.PostToGroupAsync(older, new { content = "hi" })).AssertDataAsync(HttpStatusCode.Created);

        var listed = (await (await user.Http.GetAsync("/api/group-conversations")).AssertDataAsync()).AsArray();
        Assert.Equal([older, newer], listed.Select(g => (string?)g!["id"]));
        var after = app.Db().Groups.FindById(older);
        var lastMessage = app.StoredGroupMessages(older)[^1];
        Assert.True(after.UpdatedAt > before.UpdatedAt);
        Assert.Equal(lastMessage.CreatedAt, after.UpdatedAt);
        Assert.Equal(Timestamps.Format(lastMessage.CreatedAt), (string?)listed[0]!["updated_at"]);
        Assert.Equal((before.Name, before.CreatedAt), (after.Name, after.CreatedAt));
        Assert.Equal(before.BotIds, after.BotIds);
    }

    [Fact]
    public async Task The_groups_updated_at_never_moves_back_to_an_older_message()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-cs");
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await (await user.PostToGroupAsync(group, new { content = "hi" })).AssertDataAsync(HttpStatusCode.Created);
        var latest = app.Db().Groups.FindById(group);

        // What a streamed reply does when another request wrote meanwhile: it is dated at its
        // start, and stored after a newer message.
        var stale = latest.UpdatedAt - TimeSpan.FromMinutes(1);
        var lateReply = new MessageDoc
        {
            Id = Guid.NewGuid().ToString(), GroupConversationId = group, SenderId = "bot-cs", SenderType = MessageDoc.Bot,
            SenderName = "客服机器人", Content = "late", CreatedAt = stale, Position = MessageDoc.PositionOf(group, stale),
        };
        Assert.True(await ChatThread.Of(app.Db(), latest).AppendAsync(lateReply));

        var after = app.Db().Groups.FindById(group);
        Assert.Equal((latest.UpdatedAt, latest.ListKey), (after.UpdatedAt, after.ListKey));
    }

    [Theory]
    [InlineData("error")]
    [InlineData(" Error ")]
    public async Task When_the_first_bot_fails_answers_202_with_no_replies_and_marks_the_user_message(string scenario)
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var response = await user.PostToGroupAsync(group, new { content = "hello" }, scenario);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["success", "error", "data"], body.Select(p => p.Key));
        Assert.False((bool)body["success"]!);
        const string error = "客服机器人: AI service temporarily unavailable (gave up after 3 attempts)";
        Assert.Equal(error, (string?)body["error"]);
        var data = body["data"]!.AsObject();
        Assert.Equal(["userMessage", "botMessages"], data.Select(p => p.Key));
        Assert.Empty(data["botMessages"]!.AsArray());
        Assert.Equal(GroupMessageSteps.MessageFields, data["userMessage"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1, (int)data["userMessage"]!["ai_error"]!);
        Assert.Equal(error, (string?)data["userMessage"]!["error_message"]);

        var stored = Assert.Single(app.StoredGroupMessages(group));
        Assert.Equal(((string?)data["userMessage"]!["id"], 1, error), (stored.Id, stored.AiError, stored.ErrorMessage));
    }

    [Fact]
    public async Task A_bot_failing_after_others_answered_keeps_their_replies_and_stops_the_rest()
    {
        // Each attempt fails at random, once: sends end in every possible place. The contract
        // is checked for each of them, until a bot has failed after another one answered.
        using var failing = App.With(new Dictionary<string, string?> { ["AI_FAILURE_RATE"] = "0.5", ["AI_MAX_RETRIES"] = "0" });
        var user = await failing.NewUserAsync();
        var group = await user.CreateGroupIdAsync();
        var seenLateFailure = false;

        for (var send = 0; send < 200 && !seenLateFailure; send++)
        {
            var before = failing.StoredGroupMessages(group).Count;
            var response = await user.PostToGroupAsync(group, new { content = $"question {send}" });
            var stored = failing.StoredGroupMessages(group).Skip(before).ToList();

            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal(4, stored.Count);
                continue;
            }
            var body = await response.AssertErrorAsync(HttpStatusCode.Accepted);
            var answered = body["data"]!["botMessages"]!.AsArray().Select(m => (string)m!["sender_id"]!).ToList();
            var failed = GroupSetup.SeededBotIds[answered.Count];
            Assert.Equal(GroupSetup.SeededBotIds.Take(answered.Count), answered);
            Assert.Equal($"{GroupMessageSteps.BotNames[failed]}: AI service temporarily unavailable (gave up after 1 attempt)", (string?)body["error"]);
            Assert.Equal([(string?)body["data"]!["userMessage"]!["id"], .. body["data"]!["botMessages"]!.AsArray().Select(m => (string?)m!["id"])],
                stored.Select(m => (string?)m.Id));
            Assert.Equal((1, (string?)body["error"]), (stored[0].AiError, stored[0].ErrorMessage));
            Assert.All(stored.Skip(1), m => Assert.Equal(0, m.AiError));
            seenLateFailure = answered.Count > 0;
        }

        Assert.True(seenLateFailure, "no send failed at its second or third bot");
    }

    [Fact]
    public async Task Flaky_succeeds_through_a_retry_for_every_bot_and_slow_still_answers()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var flaky = await (await user.PostToGroupAsync(group, new { content = "one" }, "flaky")).AssertDataAsync(HttpStatusCode.Created);
        await (await user.PostToGroupAsync(group, new { content = "two" }, "SLOW")).AssertDataAsync(HttpStatusCode.Created);
        await (await user.PostToGroupAsync(group, new { content = "three" }, "")).AssertDataAsync(HttpStatusCode.Created);

        Assert.Equal(3, flaky["botMessages"]!.AsArray().Count);
        Assert.Equal(12, app.StoredGroupMessages(group).Count);
        Assert.All(app.StoredGroupMessages(group), m => Assert.Equal(0, m.AiError));
    }

    [Fact]
    public async Task Flaky_without_retries_fails_at_the_first_bot()
    {
        using var noRetries = App.With(new Dictionary<string, string?> { ["AI_MAX_RETRIES"] = "0" });
        var user = await noRetries.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var body = await (await user.PostToGroupAsync(group, new { content = "hello" }, "flaky")).AssertErrorAsync(HttpStatusCode.Accepted);

        Assert.Equal("客服机器人: AI service temporarily unavailable (gave up after 1 attempt)", (string?)body["error"]);
        Assert.Single(noRetries.StoredGroupMessages(group));
    }

    [Fact]
    public async Task Timeout_waits_the_full_timeout_at_each_of_the_first_bots_three_attempts_then_answers_202()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        var send = user.PostToGroupAsync(group, new { content = "hello" }, "timeout");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await watched.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
            Assert.False(send.IsCompleted, $"answered before attempt {attempt} timed out");
            // the user message is stored before any bot is asked
            Assert.Single(watched.StoredGroupMessages(group));
            watched.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var body = await (await send).AssertErrorAsync(HttpStatusCode.Accepted);
        const string error = "客服机器人: AI request timed out after 30s (gave up after 3 attempts)";
        Assert.Equal(error, (string?)body["error"]);
        Assert.Empty(body["data"]!["botMessages"]!.AsArray());
        var stored = Assert.Single(watched.StoredGroupMessages(group));
        Assert.Equal((1, error), (stored.AiError, stored.ErrorMessage));
    }

    [Fact]
    public async Task A_client_leaving_while_a_bot_thinks_leaves_its_message_marked_interrupted()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var group = await user.CreateGroupIdAsync();
        using var leave = new CancellationTokenSource();

        var send = user.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, GroupMessageSteps.SendUrl(group))
        {
            Content = JsonContent.Create(new { content = "hello" }),
            Headers = { { Scenarios.Header, "timeout" } },
        }, leave.Token);
        await watched.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        var stored = await Poll.UntilAsync(() => Task.FromResult(
            watched.StoredGroupMessages(group).SingleOrDefault(m => m.AiError == 1)), "the message to be marked interrupted");
        Assert.Equal("interrupted", stored.ErrorMessage);
        Assert.Single(watched.StoredGroupMessages(group));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("error,slow")]
    public async Task An_unknown_scenario_is_a_400_and_stores_nothing(string scenario)
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();
        var before = app.Db().Groups.FindById(group);

        var body = await (await user.PostToGroupAsync(group, new { content = "hello" }, scenario)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal([$"X-Fake-Scenario must be one of error, flaky, timeout, slow, rate_limit, rate_limit_once, long, markdown (got \"{scenario}\")"],
            body["errors"]!["X-Fake-Scenario"]!.AsArray().Select(e => (string?)e));
        Assert.Empty(app.StoredGroupMessages(group));
        Assert.Equal(before.UpdatedAt, app.Db().Groups.FindById(group).UpdatedAt);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"content\":null}")]
    [InlineData("{\"content\":\"   \"}")]
    [InlineData("{\"content\":42}")]
    [InlineData("{\"content\":")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task A_bad_body_is_a_400_and_stores_nothing(string body)
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync();

        await (await user.Http.SendRawAsync(HttpMethod.Post, GroupMessageSteps.SendUrl(group), body)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Empty(app.StoredGroupMessages(group));
    }

    [Fact]
    public async Task Content_may_be_8000_characters_after_trimming_and_no_more()
    {
        var user = await app.NewUserAsync();
        var group = await user.CreateGroupIdAsync("bot-cs");

        await (await user.PostToGroupAsync(group, new { content = "  " + new string('x', 8000) + "  " })).AssertDataAsync(HttpStatusCode.Created);
        var body = await (await user.PostToGroupAsync(group, new { content = new string('x', 8001) })).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(body["errors"]!["content"]);
        Assert.Equal(2, app.StoredGroupMessages(group).Count);
    }

    [Fact]
    public async Task Another_users_group_is_not_found_and_gets_nothing_stored()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var group = await owner.CreateGroupIdAsync();

        var foreign = await (await stranger.PostToGroupAsync(group, new { content = "hello" })).AssertErrorAsync(HttpStatusCode.NotFound);
        var missing = await (await stranger.PostToGroupAsync(Guid.NewGuid().ToString(), new { content = "hello" })).AssertErrorAsync(HttpStatusCode.NotFound);
        // not found is decided before the body or the header is looked at
        await (await stranger.PostToGroupAsync(group, new { content = "" }, "bogus")).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("""{"success":false,"error":"Group conversation not found"}""", foreign.ToJsonString());
        Assert.Equal(foreign.ToJsonString(), missing.ToJsonString());
        Assert.Empty(app.StoredGroupMessages(group));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var group = await (await app.NewUserAsync()).CreateGroupIdAsync();

        await (await app.Anonymous().SendJsonAsync(HttpMethod.Post, GroupMessageSteps.SendUrl(group), new { content = "hi" }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(app.StoredGroupMessages(group));
    }
}
