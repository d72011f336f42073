using ChatFake.Features.Chat;
using System.Net;
using System.Net.Http.Json;
using ChatFake.Features.Messages;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Tests.Messages;

public sealed class SendTests(App app) : IClassFixture<App>
{
    static readonly string[] messageFields =
        ["id", "conversation_id", "group_conversation_id", "sender_id", "sender_type", "sender_name", "content",
         "model_id", "ai_error", "error_message", "created_at"];

    static Task<HttpResponseMessage> PostAsync(UserClient user, string conversationId, object body, string? scenario = null) =>
        user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", body,
            scenario is null ? null : new Dictionary<string, string> { [Scenarios.Header] = scenario });

    [Fact]
    public async Task Answers_201_with_the_stored_user_message_and_the_models_reply()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync("gpt-4-turbo");

        var data = await (await PostAsync(user, conversation, new { content = "  你好，AI！ " })).AssertDataAsync(HttpStatusCode.Created);

        var userMessage = data["userMessage"]!.AsObject();
        Assert.Equal(messageFields, userMessage.Select(p => p.Key));
        Assert.Equal(conversation, (string?)userMessage["conversation_id"]);
        Assert.Null(userMessage["group_conversation_id"]);
        Assert.Equal(user.Id, (string?)userMessage["sender_id"]);
        Assert.Equal("user", (string?)userMessage["sender_type"]);
        Assert.Equal(user.Username, (string?)userMessage["sender_name"]);
        Assert.Equal("你好，AI！", (string?)userMessage["content"]);
        Assert.Null(userMessage["model_id"]);
        Assert.Equal(0, (int)userMessage["ai_error"]!);
        Assert.Null(userMessage["error_message"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)userMessage["created_at"]);

        var aiMessage = data["aiMessage"]!.AsObject();
        Assert.Equal(messageFields, aiMessage.Select(p => p.Key));
        Assert.Equal(conversation, (string?)aiMessage["conversation_id"]);
        Assert.Equal("gpt-4-turbo", (string?)aiMessage["sender_id"]);
        Assert.Equal("bot", (string?)aiMessage["sender_type"]);
        Assert.Equal("GPT-4 Turbo", (string?)aiMessage["sender_name"]);
        Assert.Equal("gpt-4-turbo", (string?)aiMessage["model_id"]);
        Assert.Equal(ReplyComposer.ForModel("gpt-4-turbo", "你好，AI！").Text, (string?)aiMessage["content"]);
        Assert.StartsWith("[gpt-4-turbo] ", (string?)aiMessage["content"]);
        Assert.Equal(0, (int)aiMessage["ai_error"]!);
        Assert.Null(aiMessage["error_message"]);

        var stored = app.StoredMessages(conversation);
        Assert.Equal([(string?)userMessage["id"], (string?)aiMessage["id"]], stored.Select(m => (string?)m.Id));
        Assert.Equal((string?)aiMessage["content"], stored[1].Content);
    }

    [Fact]
    public async Task The_reply_is_the_same_for_the_same_model_and_content_and_follows_the_current_model()
    {
        var user = await app.NewUserAsync();
        var first = await user.NewConversationAsync("claude-3-opus");
        var second = await user.NewConversationAsync("claude-3-opus");

        var a = await (await PostAsync(user, first, new { content = "what is SSE?" })).AssertDataAsync(HttpStatusCode.Created);
        var b = await (await PostAsync(user, second, new { content = "what is SSE?" })).AssertDataAsync(HttpStatusCode.Created);
        Assert.Equal((string?)a["aiMessage"]!["content"], (string?)b["aiMessage"]!["content"]);

        await user.SwitchModelAsync(second, "gpt-4");
        var c = await (await PostAsync(user, second, new { content = "what is SSE?" })).AssertDataAsync(HttpStatusCode.Created);
        Assert.StartsWith("[gpt-4] ", (string?)c["aiMessage"]!["content"]);
        Assert.Equal("GPT-4", (string?)c["aiMessage"]!["sender_name"]);
        Assert.Equal("gpt-4", (string?)c["aiMessage"]!["model_id"]);
    }

    [Fact]
    public async Task Every_stored_message_bumps_the_conversations_updated_at()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();
        var before = app.Db().Conversations.FindById(conversation);
        app.Time.Advance(TimeSpan.FromMinutes(5));

        await (await PostAsync(user, conversation, new { content = "hi" })).AssertDataAsync(HttpStatusCode.Created);

        var after = app.Db().Conversations.FindById(conversation);
        var lastMessage = app.StoredMessages(conversation)[^1];
        Assert.True(after.UpdatedAt > before.UpdatedAt);
        Assert.Equal(lastMessage.CreatedAt, after.UpdatedAt);
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.NotEqual(before.ListKey, after.ListKey);
        Assert.StartsWith(user.Id + "|", after.ListKey);
    }

    [Theory]
    [InlineData("error")]
    [InlineData(" ERROR ")]
    public async Task When_every_attempt_fails_answers_202_and_marks_the_stored_user_message(string scenario)
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var response = await PostAsync(user, conversation, new { content = "hello" }, scenario);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["success", "error", "data"], body.Select(p => p.Key));
        Assert.False((bool)body["success"]!);
        const string error = "AI service temporarily unavailable (gave up after 3 attempts)";
        Assert.Equal(error, (string?)body["error"]);
        var data = body["data"]!.AsObject();
        Assert.Equal(["userMessage", "aiMessage"], data.Select(p => p.Key));
        Assert.Null(data["aiMessage"]);
        Assert.Equal(1, (int)data["userMessage"]!["ai_error"]!);
        Assert.Equal(error, (string?)data["userMessage"]!["error_message"]);

        var stored = Assert.Single(app.StoredMessages(conversation));
        Assert.Equal((string?)data["userMessage"]!["id"], stored.Id);
        Assert.Equal(1, stored.AiError);
        Assert.Equal(error, stored.ErrorMessage);
    }

    [Fact]
    public async Task Flaky_succeeds_through_a_retry_and_slow_still_answers()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        await (await PostAsync(user, conversation, new { content = "one" }, "flaky")).AssertDataAsync(HttpStatusCode.Created);
        await (await PostAsync(user, conversation, new { content = "two" }, "Slow")).AssertDataAsync(HttpStatusCode.Created);
        await (await PostAsync(user, conversation, new { content = "three" }, "")).AssertDataAsync(HttpStatusCode.Created);

        Assert.All(app.StoredMessages(conversation), m => Assert.Equal(0, m.AiError));
    }

    [Fact]
    public async Task Flaky_without_retries_fails_after_its_one_attempt()
    {
        using var noRetries = App.With(new Dictionary<string, string?> { ["AI_MAX_RETRIES"] = "0" });
        var user = await noRetries.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var response = await PostAsync(user, conversation, new { content = "hello" }, "flaky");

        var body = await response.AssertErrorAsync(HttpStatusCode.Accepted);
        Assert.Equal("AI service temporarily unavailable (gave up after 1 attempt)", (string?)body["error"]);
    }

    [Fact]
    public async Task A_failure_rate_of_one_fails_every_attempt()
    {
        using var failing = App.With(new Dictionary<string, string?> { ["AI_FAILURE_RATE"] = "1" });
        var user = await failing.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var response = await PostAsync(user, conversation, new { content = "hello" });

        var body = await response.AssertErrorAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, (int)body["data"]!["userMessage"]!["ai_error"]!);
    }

    [Fact]
    public async Task Timeout_waits_the_full_timeout_at_each_of_the_three_attempts_before_answering_202()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var send = PostAsync(user, conversation, new { content = "hello" }, "timeout");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await watched.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
            Assert.False(send.IsCompleted, $"answered before attempt {attempt} timed out");
            // the user message is stored before the model is called
            Assert.Single(watched.StoredMessages(conversation));
            watched.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var body = await (await send).AssertErrorAsync(HttpStatusCode.Accepted);
        Assert.Equal("AI request timed out after 30s (gave up after 3 attempts)", (string?)body["error"]);
        Assert.Equal(1, Assert.Single(watched.StoredMessages(conversation)).AiError);
    }

    [Fact]
    public async Task A_client_leaving_while_the_model_thinks_leaves_its_message_marked_interrupted()
    {
        using var watched = new WatchedApp();
        var user = await watched.NewUserAsync();
        var conversation = await user.NewConversationAsync();
        using var leave = new CancellationTokenSource();

        var send = user.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversation}/messages")
        {
            Content = JsonContent.Create(new { content = "hello" }),
            Headers = { { Scenarios.Header, "timeout" } },
        }, leave.Token);
        await watched.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        var stored = await Poll.UntilAsync(() => Task.FromResult(
            watched.StoredMessages(conversation).SingleOrDefault(m => m.AiError == 1)), "the message to be marked interrupted");
        Assert.Equal("interrupted", stored.ErrorMessage);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("error,slow")]
    public async Task An_unknown_scenario_is_a_400_and_stores_nothing(string scenario)
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var body = await (await PostAsync(user, conversation, new { content = "hello" }, scenario)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal([$"X-Fake-Scenario must be one of error, flaky, timeout, slow, rate_limit, rate_limit_once, long, markdown (got \"{scenario}\")"],
            body["errors"]![Scenarios.Header]!.AsArray().Select(e => (string?)e));
        Assert.Empty(app.StoredMessages(conversation));
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
        var conversation = await user.NewConversationAsync();

        await (await user.Http.SendRawAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", body))
            .AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Empty(app.StoredMessages(conversation));
    }

    [Fact]
    public async Task Content_may_be_8000_characters_after_trimming_and_no_more()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        await (await PostAsync(user, conversation, new { content = "  " + new string('x', 8000) + "  " })).AssertDataAsync(HttpStatusCode.Created);
        var body = await (await PostAsync(user, conversation, new { content = new string('x', 8001) })).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(body["errors"]!["content"]);
        Assert.Equal(2, app.StoredMessages(conversation).Count);
    }

    [Fact]
    public async Task Another_users_conversation_is_not_found_and_gets_nothing_stored()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var conversation = await owner.NewConversationAsync();

        var mine = await (await PostAsync(stranger, conversation, new { content = "hello" })).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await PostAsync(stranger, "no-such-conversation", new { content = "hello" })).AssertErrorAsync(HttpStatusCode.NotFound);
        // not found is decided before the body or the header is looked at
        await (await PostAsync(stranger, conversation, new { content = "" }, "bogus")).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("Conversation not found", (string?)mine["error"]);
        Assert.Empty(app.StoredMessages(conversation));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var owner = await app.NewUserAsync();
        var conversation = await owner.NewConversationAsync();

        await (await app.Anonymous().SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", new { content = "hi" }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_body_fields_are_ignored_and_cannot_stand_in_for_the_header()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var data = await (await PostAsync(user, conversation, new { content = "hi", scenario = "error", id = "other", extra = true }))
            .AssertDataAsync(HttpStatusCode.Created);

        Assert.Equal(conversation, (string?)data["userMessage"]!["conversation_id"]);
        Assert.Equal(0, (int)data["userMessage"]!["ai_error"]!);
        Assert.NotNull(data["aiMessage"]);
    }

    [Fact]
    public async Task The_conversations_updated_at_never_moves_back_to_an_older_message()
    {
        var user = await app.NewUserAsync();
        var id = await user.NewConversationAsync();
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var renamed = await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = "renamed" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var latest = app.Db().Conversations.FindById(id);

        // What a streamed reply does when the conversation changed meanwhile: it is dated at its
        // start, and stored after the newer change.
        var stale = latest.UpdatedAt - TimeSpan.FromMinutes(1);
        var lateReply = new MessageDoc
        {
            Id = Guid.NewGuid().ToString(), ConversationId = id, SenderId = "gpt-3.5-turbo", SenderType = MessageDoc.Bot,
            SenderName = "GPT-3.5 Turbo", Content = "late", CreatedAt = stale, Position = MessageDoc.PositionOf(id, stale),
        };
        Assert.True(await ChatThread.Of(app.Db(), latest).AppendAsync(lateReply));

        var after = app.Db().Conversations.FindById(id);
        Assert.Equal((latest.UpdatedAt, latest.ListKey), (after.UpdatedAt, after.ListKey));
    }
}
