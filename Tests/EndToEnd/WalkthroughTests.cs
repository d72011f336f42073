using System.Net.Http.Headers;
using ChatFake.Client;

namespace ChatFake.Tests.EndToEnd;

/// <summary>
/// The seed's walkthrough, driven end to end through the C# client generated from the committed
/// OpenAPI document (clients/csharp/ChatFakeClient.cs) against the app on a real Kestrel port.
/// A route whose documented status, fields or types differ from what the app sends fails here:
/// the generated client refuses undocumented statuses and reads the documented fields only.
/// </summary>
public sealed class WalkthroughTests : IDisposable
{
    readonly App server = App.OnKestrel();

    public void Dispose() => server.Dispose();

    /// <summary>What the steps learn and later steps use.</summary>
    sealed class Walk
    {
        public required HttpClient Http { get; init; }
        public required ChatFakeClient Api { get; init; }
        public string Username { get; } = "walker" + Guid.NewGuid().ToString("N")[..8];
        public string Email => $"{Username}@example.com";
        public User User { get; set; } = null!;
        public Conversation Conversation { get; set; } = null!;
        public Group Group { get; set; } = null!;
    }

    [Fact]
    public async Task Runs_the_seed_walkthrough_through_the_generated_client()
    {
        using var http = server.NewHttpClient();
        var walk = new Walk { Http = http, Api = new ChatFakeClient(http) };

        await Register(walk);
        await LogIn(walk);
        await Me(walk);
        await ListModels(walk);
        await CreateConversation(walk);
        await SwitchModel(walk);
        await TagConversation(walk);
        await SendMessage(walk);
        await StreamMessage(walk);
        await ListMessages(walk);
        await ListBots(walk);
        await CreateGroup(walk);
        await ListGroups(walk);
        await GetGroup(walk);
        await SendGroupMessage(walk);
        await StreamGroupMessage(walk);
        await ListGroupMessages(walk);
        await DeleteGroup(walk);
        await DeleteConversation(walk);
    }

    [Fact]
    public async Task Error_answers_come_back_as_the_documented_error_envelope()
    {
        using var http = server.NewHttpClient();
        var api = new ChatFakeClient(http);

        var unauthenticated = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() => api.BotsListBotsAsync());
        Assert.Equal(401, unauthenticated.StatusCode);
        Assert.False(unauthenticated.Result.Success);
        Assert.Equal("Authentication required", unauthenticated.Result.Error);

        var invalid = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() =>
            api.AuthRegisterAsync(new AuthRegisterRequest { Username = "x", Email = "not-an-email", Password = "123" }));
        Assert.Equal(400, invalid.StatusCode);
        Assert.Equal(["username", "email", "password"], invalid.Result.Errors!.Keys);
    }

    // Seed walkthrough 1: register a new user.
    static async Task Register(Walk walk)
    {
        var answer = await walk.Api.AuthRegisterAsync(
            new AuthRegisterRequest { Username = walk.Username, Email = walk.Email.ToUpperInvariant(), Password = "123456" });

        Assert.True(answer.Success);
        walk.User = answer.Data.User;
        Assert.Equal(walk.Username, walk.User.Username);
        Assert.Equal(walk.Email, walk.User.Email); // stored lower-case
        Assert.False(string.IsNullOrEmpty(walk.User.Id));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", walk.User.CreatedAt);
        Assert.Equal(walk.User.CreatedAt, walk.User.UpdatedAt);
        Assert.Equal(3, answer.Data.Token.Split('.').Length);
    }

    // Seed walkthrough 2: log in and keep the token for every later request.
    static async Task LogIn(Walk walk)
    {
        var answer = await walk.Api.AuthLoginAsync(new AuthLoginRequest { Email = walk.Email, Password = "123456" });

        Assert.Equal(walk.User.Id, answer.Data.User.Id);
        walk.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.Data.Token);
    }

    static async Task Me(Walk walk)
    {
        var me = (await walk.Api.AuthMeAsync()).Data;

        Assert.Equal((walk.User.Id, walk.User.Username, walk.User.Email), (me.Id, me.Username, me.Email));
    }

    static async Task ListModels(Walk walk)
    {
        var models = (await walk.Api.ModelsListModelsAsync()).Data;

        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"], models.Select(m => m.Id));
        Assert.Equal(("GPT-4 Turbo", "OpenAI", 128000, "0.01", 1),
            models.Where(m => m.Id == "gpt-4-turbo").Select(m => (m.Name, m.Provider, m.ContextLimit, m.PricingPer1kTokens, m.IsActive)).Single());
    }

    // Seed walkthrough 3: a conversation with a model of its own.
    static async Task CreateConversation(Walk walk)
    {
        var conversation = (await walk.Api.ConversationsCreateAsync(
            new ConversationsCreateRequest { Title = "GPT-4 对话", ModelId = "gpt-4-turbo" })).Data;

        walk.Conversation = conversation;
        Assert.Equal(("GPT-4 对话", "gpt-4-turbo", walk.User.Id), (conversation.Title, conversation.ModelId, conversation.UserId));
        Assert.Empty(conversation.Tags);
        Assert.Equal(conversation.Id, (await walk.Api.ConversationsGetAsync(conversation.Id)).Data.Id);
    }

    // Seed walkthrough 4: switch the conversation's model.
    static async Task SwitchModel(Walk walk)
    {
        var switched = (await walk.Api.ConversationsSwitchModelAsync(walk.Conversation.Id,
            new ConversationsSwitchModelRequest { ModelId = "claude-3-opus" })).Data;

        Assert.Equal("claude-3-opus", switched.ModelId);
        Assert.Equal("claude-3-opus", (await walk.Api.ConversationsGetModelAsync(walk.Conversation.Id)).Data.ModelId);
    }

    static async Task TagConversation(Walk walk)
    {
        var tagged = (await walk.Api.ConversationsSetTagsAsync(walk.Conversation.Id,
            new ConversationsSetTagsRequest { Tags = [" 工作 ", "学习", "工作"] })).Data;
        Assert.Equal(["工作", "学习"], tagged.Tags);

        var byTag = await walk.Api.ConversationsListAsync(tag: "工作", page: null, limit: null);
        Assert.Equal([walk.Conversation.Id], byTag.Data.Select(c => c.Id));
        var tags = (await walk.Api.TagsListTagsAsync()).Data;
        Assert.Equal([("学习", 1), ("工作", 1)], tags.Select(t => (t.Tag, t.Count)));
    }

    // Seed walkthrough: send a message, the model (now claude-3-opus) answers.
    static async Task SendMessage(Walk walk)
    {
        var sent = (await walk.Api.MessagesSendAsync(walk.Conversation.Id, null, new NewMessageRequest { Content = "你好，AI！" })).Data;

        Assert.Equal(("user", walk.Username, "你好，AI！"), (sent.UserMessage.SenderType, sent.UserMessage.SenderName, sent.UserMessage.Content));
        Assert.Equal(("bot", "claude-3-opus", "Claude 3 Opus", "claude-3-opus"),
            (sent.AiMessage.SenderType, sent.AiMessage.SenderId, sent.AiMessage.SenderName, sent.AiMessage.ModelId));
        Assert.StartsWith("[claude-3-opus] ", sent.AiMessage.Content);
    }

    // The generated client cannot read text/event-stream (it expects one JSON answer): this
    // step reads the stream with plain HttpClient, as a browser's fetch would.
    static async Task StreamMessage(Walk walk)
    {
        using var response = await walk.Http.PostStreamAsync($"api/conversations/{walk.Conversation.Id}/messages/stream", new { content = "讲个笑话" });
        var frames = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["userMessage", "aiMessageStart"], frames.Take(2).Select(f => f.Type));
        Assert.Equal(["aiMessageEnd", null], frames.TakeLast(2).Select(f => f.Type));
        Assert.Equal("done", frames[^1].Event);
        var chunks = string.Concat(frames.Where(f => f.Type == "aiMessageChunk").Select(f => (string)f.Data["data"]!["content"]!));
        Assert.Equal((string)frames[^2].Data["data"]!["content"]!, chunks);
    }

    static async Task ListMessages(Walk walk)
    {
        var page = await walk.Api.MessagesListAsync(walk.Conversation.Id, page: null, limit: null);

        Assert.Equal(["user", "bot", "user", "bot"], page.Data.Select(m => m.SenderType));
        Assert.Equal(["你好，AI！", "讲个笑话"], page.Data.Where(m => m.SenderType == "user").Select(m => m.Content));
        Assert.Equal((1, 50, 4, 1), (page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
    }

    static async Task ListBots(Walk walk)
    {
        var bots = (await walk.Api.BotsListBotsAsync()).Data;

        Assert.Equal(["bot-cs", "bot-funny", "bot-tech"], bots.Select(b => b.Id));
        Assert.All(bots, b => Assert.False(string.IsNullOrEmpty(b.ResponseTendency)));
    }

    // Seed walkthrough 5: create a group with two bots.
    static async Task CreateGroup(Walk walk)
    {
        var answer = await walk.Api.GroupsCreateAsync(new GroupsCreateRequest { Name = "技术讨论组", BotIds = ["bot-tech", "bot-funny"] });

        walk.Group = answer.Data;
        Assert.Equal("技术讨论组", walk.Group.Name);
        Assert.Equal(walk.User.Id, walk.Group.OwnerId);
        Assert.Equal(["bot-funny", "bot-tech"], walk.Group.Bots.Select(b => b.Id)); // sorted by id
    }

    static async Task ListGroups(Walk walk)
    {
        var page = await walk.Api.GroupsListAsync(page: 1, limit: 20);

        Assert.Equal([walk.Group.Id], page.Data.Select(g => g.Id));
        Assert.Equal((1, 20, 1, 1), (page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
    }

    static async Task GetGroup(Walk walk)
    {
        var group = (await walk.Api.GroupsGetAsync(walk.Group.Id)).Data;

        Assert.Equal((walk.Group.Id, walk.Group.Name, walk.Group.CreatedAt), (group.Id, group.Name, group.CreatedAt));
    }

    // Seed walkthrough 6: every bot of the group answers, in bot-id order.
    static async Task SendGroupMessage(Walk walk)
    {
        var sent = (await walk.Api.GroupsMessagesSendAsync(walk.Group.Id, null, new NewMessageRequest { Content = "大家好！" })).Data;

        Assert.Equal(walk.Username, sent.UserMessage.SenderName);
        Assert.Equal([("bot-funny", "幽默机器人"), ("bot-tech", "技术机器人")], sent.BotMessages.Select(m => (m.SenderId, m.SenderName)));
        Assert.All(sent.BotMessages, m => Assert.Equal(walk.Group.Id, m.GroupConversationId));
    }

    // As for the personal stream, plain HttpClient reads the events.
    static async Task StreamGroupMessage(Walk walk)
    {
        using var response = await walk.Http.PostStreamAsync($"api/group-conversations/{walk.Group.Id}/messages/stream", new { content = "有人在吗？" });
        var frames = Sse.Parse(await response.Content.ReadAsStringAsync());

        var ends = frames.Where(f => f.Type == "aiMessageEnd").Select(f => (string)f.Data["data"]!["sender_name"]!);
        Assert.Equal(["幽默机器人", "技术机器人"], ends);
        Assert.Equal("done", frames[^1].Event);
    }

    static async Task ListGroupMessages(Walk walk)
    {
        var page = await walk.Api.GroupsMessagesListAsync(walk.Group.Id, page: null, limit: null);

        Assert.Equal(["user", "bot", "bot", "user", "bot", "bot"], page.Data.Select(m => m.SenderType));
        Assert.Equal((1, 50, 6, 1), (page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
    }

    static async Task DeleteGroup(Walk walk)
    {
        var deleted = (await walk.Api.GroupsDeleteAsync(walk.Group.Id)).Data;
        Assert.Equal(walk.Group.Id, deleted.Id);

        var gone = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() => walk.Api.GroupsGetAsync(walk.Group.Id));
        Assert.Equal(404, gone.StatusCode);
        Assert.Equal("Group conversation not found", gone.Result.Error);
    }

    static async Task DeleteConversation(Walk walk)
    {
        Assert.Equal(walk.Conversation.Id, (await walk.Api.ConversationsDeleteAsync(walk.Conversation.Id)).Data.Id);

        var gone = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() => walk.Api.MessagesListAsync(walk.Conversation.Id, null, null));
        Assert.Equal(404, gone.StatusCode);
        Assert.Empty((await walk.Api.TagsListTagsAsync()).Data);
    }
}
