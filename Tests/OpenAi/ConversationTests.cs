using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;
using OpenAI;
using OpenAI.Chat;

namespace ChatFake.Tests.OpenAi;

/// <summary>X-ChatFake-Conversation: the /v1 exchange stored in a conversation of the caller, visible through /api.</summary>
public sealed class ConversationTests(App app) : IClassFixture<App>
{
    static async Task<string> NewConversationAsync(UserClient user) =>
        (string)(await (await user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { modelId = "gpt-3.5-turbo" }))
            .AssertDataAsync(HttpStatusCode.Created))["id"]!;

    static async Task<JsonArray> MessagesAsync(UserClient user, string conversation) =>
        (await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray();

    static Dictionary<string, string> In(string conversation, string? scenario = null) => scenario is null
        ? new() { ["X-ChatFake-Conversation"] = conversation }
        : new() { ["X-ChatFake-Conversation"] = conversation, ["X-Fake-Scenario"] = scenario };

    [Fact]
    public async Task Chat_completions_streamed_and_not_store_the_user_message_and_the_reply_under_the_requested_model()
    {
        var user = await app.NewUserAsync();
        var conversation = await NewConversationAsync(user);

        await user.Http.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
            new { model = "gpt-4", messages = new[] { new { role = "system", content = "x" }, new { role = "user", content = " one " } } }, In(conversation));
        await (await user.Http.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
            new { model = "gpt-4", stream = true, max_tokens = 7, messages = new[] { new { role = "user", content = "two" } } }, In(conversation))).Content.ReadAsStringAsync();

        var messages = await MessagesAsync(user, conversation);
        Assert.Equal(
            [("user", "one", null, 0), ("bot", ReplyComposer.ForModel("gpt-4", "one").Text, "gpt-4", 0),
             ("user", "two", null, 0), ("bot", string.Concat(ReplyComposer.ForModel("gpt-4", "two").Chunks().Take(7)), "gpt-4", 0)],
            messages.Select(m => ((string)m!["sender_type"]!, (string)m["content"]!, (string?)m["model_id"], (int)m["ai_error"]!)));
    }

    [Fact]
    public async Task The_Responses_API_stores_its_exchange_too()
    {
        var user = await app.NewUserAsync();
        var conversation = await NewConversationAsync(user);

        await (await user.Http.SendJsonAsync(HttpMethod.Post, "/v1/responses", new { model = "claude-3-opus", input = "你好", stream = true }, In(conversation)))
            .Content.ReadAsStringAsync();

        var messages = await MessagesAsync(user, conversation);
        Assert.Equal(["你好", ReplyComposer.ForModel("claude-3-opus", "你好").Text], messages.Select(m => (string?)m!["content"]));
    }

    [Fact]
    public async Task A_failed_call_marks_the_stored_user_message()
    {
        var user = await app.NewUserAsync();
        var conversation = await NewConversationAsync(user);

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, "/v1/responses", new { model = "gpt-4", input = "hi" }, In(conversation, "error"));

        await response.AssertOpenAiErrorAsync(HttpStatusCode.InternalServerError, "server_error");
        var message = (await MessagesAsync(user, conversation)).Single()!;
        Assert.Equal((1, "AI service temporarily unavailable (gave up after 3 attempts)"), ((int)message["ai_error"]!, (string?)message["error_message"]));
    }

    [Fact]
    public async Task A_conversation_that_is_not_the_callers_is_a_404_and_nothing_is_stored()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var conversation = await NewConversationAsync(owner);

        foreach (var id in new[] { conversation, "no-such-conversation" })
            await (await other.Http.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
                new { model = "gpt-4", messages = new[] { new { role = "user", content = "hi" } } }, In(id)))
                .AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error", param: "X-ChatFake-Conversation");
        var blank = await owner.Http.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
            new { model = "gpt-4", messages = new[] { new { role = "user", content = "  " } } }, In(conversation));

        await blank.AssertOpenAiErrorAsync(HttpStatusCode.BadRequest, "invalid_request_error", param: "messages");
        Assert.Empty(await MessagesAsync(owner, conversation));
    }
}

/// <summary>Clients that leave or lose their conversation mid-stream, against the app in its own process with real delays.</summary>
public sealed class ConversationStreamTests : IAsyncLifetime
{
    const string Content = "Tell me a long story about streaming, please";
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));
    AppProcess app = null!;
    HttpClient user = null!;
    string token = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"), new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "1" });
        var username = "u" + Guid.NewGuid().ToString("N")[..12];
        var registered = await app.Client.PostAsJsonAsync("/api/auth/register", new { username, email = $"{username}@example.com", password = "secret123" });
        token = (string)(await registered.AssertDataAsync(HttpStatusCode.Created))["token"]!;
        user = new HttpClient { BaseAddress = app.Client.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        user.Dispose();
        await app.DisposeAsync();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    async Task<string> NewConversationAsync() =>
        (string)(await (await user.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { })).AssertDataAsync(HttpStatusCode.Created))["id"]!;

    [Fact]
    public async Task A_stream_the_OpenAI_library_abandons_stops_and_stores_exactly_what_it_received_marked_interrupted()
    {
        var conversation = await NewConversationAsync();
        var full = ReplyComposer.ForModel("gpt-4", Content).Text;
        Assert.True(full.Length > 100, "a reply long enough to still be streaming after 5 chunks");
        var options = new OpenAIClientOptions { Endpoint = new Uri(user.BaseAddress!, "v1") };
        options.AddPolicy(new RequestHeader("X-ChatFake-Conversation", conversation), System.ClientModel.Primitives.PipelinePosition.PerCall);
        var chat = new OpenAIClient(new ApiKeyCredential(token), options).GetChatClient("gpt-4");

        var received = new StringBuilder();
        var pieces = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Content)]))
        {
            foreach (var part in update.ContentUpdate) received.Append(part.Text);
            if (update.ContentUpdate.Count > 0 && ++pieces == 5) break;
        }

        var messages = await Poll.UntilAsync(async () =>
        {
            var list = (await (await user.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray();
            return list.Count == 2 ? list : null;
        }, "the interrupted reply to be stored");
        var partial = (string)messages[1]!["content"]!;
        Assert.Equal((0, Content), ((int)messages[0]!["ai_error"]!, (string?)messages[0]!["content"]));
        Assert.Equal((1, "interrupted"), ((int)messages[1]!["ai_error"]!, (string?)messages[1]!["error_message"]));
        Assert.StartsWith(received.ToString(), partial);
        Assert.StartsWith(partial, full);
        Assert.True(partial.Length < full.Length, $"the whole reply was stored: {partial}");
    }

    [Fact]
    public async Task A_conversation_deleted_mid_stream_ends_the_chat_stream_with_an_error_data_line()
    {
        var conversation = await NewConversationAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "gpt-4", stream = true, messages = new[] { new { role = "user", content = Content } } }),
        };
        request.Headers.Add("X-ChatFake-Conversation", conversation);

        using var response = await user.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());
        (await user.DeleteAsync($"/api/conversations/{conversation}")).EnsureSuccessStatusCode();
        var rest = await reader.ReadToEndAsync();

        var last = rest.TrimEnd('\n').Split("\n\n")[^1];
        Assert.DoesNotContain("[DONE]", rest);
        JsonAssert.Equal("""{"error":{"message":"Conversation not found: it was deleted while the reply was streaming","type":"invalid_request_error","param":"X-ChatFake-Conversation","code":null}}""",
            JsonNode.Parse(last["data: ".Length..]));
    }
}
