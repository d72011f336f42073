using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text;
using ChatFake.FakeModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

// The library marks its Responses API (and Microsoft.Extensions.AI its adapter) as for evaluation.
#pragma warning disable OPENAI001

namespace ChatFake.Tests.OpenAi;

/// <summary>
/// The official OpenAI .NET library (and Microsoft.Extensions.AI over it), pointed at the app on a
/// real Kestrel port with a ChatFake token as its API key, used exactly as an application would.
/// </summary>
public sealed class OpenAiClientTests : IDisposable
{
    readonly App app = App.OnKestrel();

    public void Dispose() => app.Dispose();

    const string Model = "gpt-4-turbo";
    const string Question = "How do I test a chat UI?";
    static readonly string Expected = ReplyComposer.ForModel(Model, Question).Text;

    async Task<string> TokenAsync()
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..12];
        using var http = app.NewHttpClient();
        var response = await http.PostAsJsonAsync("/api/auth/register", new { username, email = $"{username}@example.com", password = "secret123" });
        return (string)(await response.AssertDataAsync(System.Net.HttpStatusCode.Created))["token"]!;
    }

    /// <summary>A client of the OpenAI library for a new user (or with <paramref name="key"/>), sending
    /// X-Fake-Scenario when given, with the library's own retry policy unless <paramref name="retries"/> says otherwise.</summary>
    async Task<OpenAIClient> ClientAsync(string? scenario = null, string? key = null, int? retries = null)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(app.BaseAddress!, "v1") };
        if (retries is { } count) options.RetryPolicy = new ClientRetryPolicy(count);
        if (scenario is not null) options.AddPolicy(new RequestHeader("X-Fake-Scenario", scenario), PipelinePosition.PerCall);
        return new OpenAIClient(new ApiKeyCredential(key ?? await TokenAsync()), options);
    }

    [Fact]
    public async Task Lists_and_gets_models()
    {
        var models = (await ClientAsync()).GetOpenAIModelClient();

        var all = (await models.GetModelsAsync()).Value;
        var one = (await models.GetModelAsync("gpt-4")).Value;

        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"], all.Select(m => m.Id));
        Assert.Equal(("gpt-4", "openai", DateTimeOffset.FromUnixTimeSeconds(1704067200)), (one.Id, one.OwnedBy, one.CreatedAt));
    }

    [Fact]
    public async Task Completes_a_chat_with_the_fake_models_reply_and_usage()
    {
        var chat = (await ClientAsync()).GetChatClient(Model);

        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be helpful."), new UserChatMessage(Question)]);

        Assert.Equal(Expected, completion.Content.Single().Text);
        Assert.Equal((ChatMessageRole.Assistant, ChatFinishReason.Stop, Model), (completion.Role, completion.FinishReason, completion.Model));
        Assert.StartsWith("chatcmpl-", completion.Id);
        var completionTokens = ReplyComposer.ForModel(Model, Question).Chunks().Count;
        Assert.Equal((11 + 24, completionTokens, 35 + completionTokens),
            (completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount));
    }

    [Fact]
    public async Task Streams_a_chat_through_the_librarys_streaming_API_with_the_same_content_and_usage()
    {
        var chat = (await ClientAsync()).GetChatClient(Model);
        var text = new StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Question)],
            new ChatCompletionOptions()))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        }

        Assert.Equal(Expected, text.ToString());
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.Single(updates.Select(u => u.CompletionId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates.Single(u => u.FinishReason is not null).FinishReason);
        var usage = updates.Single(u => u.Usage is not null).Usage;
        Assert.Equal((24, ReplyComposer.ForModel(Model, Question).Chunks().Count), (usage.InputTokenCount, usage.OutputTokenCount));
    }

    [Fact]
    public async Task A_max_output_token_count_cuts_the_reply_with_finish_reason_length()
    {
        var chat = (await ClientAsync()).GetChatClient(Model);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(Question)], new ChatCompletionOptions { MaxOutputTokenCount = 12 });

        Assert.Equal(string.Concat(ReplyComposer.ForModel(Model, Question).Chunks().Take(12)), completion.Content.Single().Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(12, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Creates_a_response_through_the_Responses_API_streamed_and_not()
    {
        var responses = (await ClientAsync()).GetResponsesClient();

        ResponseResult response = await responses.CreateResponseAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem(Question)])
        {
            Instructions = "Be helpful.",
        });
        var deltas = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await responses.CreateResponseStreamingAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem(Question)]) { StreamingEnabled = true }))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta) deltas.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        Assert.Equal(Expected, response.GetOutputText());
        Assert.Equal((ResponseStatus.Completed, Model), (response.Status, response.Model));
        Assert.StartsWith("resp_", response.Id);
        Assert.Equal((11 + 24, ReplyComposer.ForModel(Model, Question).Chunks().Count), (response.Usage.InputTokenCount, response.Usage.OutputTokenCount));
        Assert.Equal(Expected, deltas.ToString());
        Assert.Equal(Expected, completed?.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, completed?.Status);
        Assert.Equal(response.Usage.OutputTokenCount, completed?.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_response_cut_at_max_output_tokens_is_incomplete()
    {
        var responses = (await ClientAsync()).GetResponsesClient();

        ResponseResult response = await responses.CreateResponseAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem(Question)])
        {
            MaxOutputTokenCount = 20,
        });

        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
        Assert.Equal(string.Concat(ReplyComposer.ForModel(Model, Question).Chunks().Take(20)), response.GetOutputText());
    }

    [Fact]
    public async Task The_rate_limit_scenario_surfaces_as_the_librarys_429_after_its_retries()
    {
        var chat = (await ClientAsync("rate_limit")).GetChatClient(Model);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Question)]));

        Assert.Equal(429, error.Status);
        Assert.Contains("Rate limit exceeded", error.Message);
    }

    [Fact]
    public async Task The_rate_limit_once_scenario_succeeds_through_the_librarys_own_retry()
    {
        var client = await ClientAsync("rate_limit_once");

        ChatCompletion completion = await client.GetChatClient(Model).CompleteChatAsync([new UserChatMessage(Question)]);
        var deltas = new StringBuilder();
        await foreach (var update in await client.GetResponsesClient().CreateResponseStreamingAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem(Question)]) { StreamingEnabled = true }))
            if (update is StreamingResponseOutputTextDeltaUpdate delta) deltas.Append(delta.Delta);

        Assert.Equal(Expected, completion.Content.Single().Text);
        Assert.Equal(Expected, deltas.ToString());
    }

    [Fact]
    public async Task Without_retries_the_429_of_rate_limit_once_reaches_the_caller()
    {
        var chat = (await ClientAsync("rate_limit_once", retries: 0)).GetChatClient(Model);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Question)]));
        ChatCompletion second = await chat.CompleteChatAsync([new UserChatMessage(Question)]);

        Assert.Equal(429, error.Status);
        Assert.Equal("0", error.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var wait) == true ? wait : null);
        Assert.Equal(Expected, second.Content.Single().Text);
    }

    [Fact]
    public async Task An_unknown_model_and_a_bad_key_are_the_librarys_404_and_401()
    {
        var unknown = await Assert.ThrowsAsync<ClientResultException>(async () =>
            await (await ClientAsync()).GetChatClient("gpt-5").CompleteChatAsync([new UserChatMessage(Question)]));
        var badKey = await Assert.ThrowsAsync<ClientResultException>(async () =>
            await (await ClientAsync(key: "sk-not-a-chatfake-token")).GetChatClient(Model).CompleteChatAsync([new UserChatMessage(Question)]));

        Assert.Equal(404, unknown.Status);
        Assert.Contains("model_not_found", unknown.Message);
        Assert.Equal(401, badKey.Status);
        Assert.Contains("invalid_api_key", badKey.Message);
    }

    [Fact]
    public async Task The_error_scenario_is_the_librarys_500()
    {
        var chat = (await ClientAsync("error", retries: 0)).GetChatClient(Model);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Question)]));

        Assert.Equal(500, error.Status);
        Assert.Contains("AI service temporarily unavailable", error.Message);
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_chats_over_chat_completions_and_the_Responses_API()
    {
        var client = await ClientAsync();
        IChatClient completions = client.GetChatClient(Model).AsIChatClient();
        IChatClient responses = client.GetResponsesClient().AsIChatClient(Model);

        var answer = await completions.GetResponseAsync(Question);
        var streamed = new StringBuilder();
        await foreach (var update in completions.GetStreamingResponseAsync(Question)) streamed.Append(update.Text);
        var viaResponses = await responses.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, "Be helpful."), new(ChatRole.User, Question)]);
        // Not streamed through the Responses API: Microsoft.Extensions.AI.OpenAI 10.11.0 is built against
        // OpenAI 2.14.0, whose CreateResponseStreamingAsync 2.15.0 replaced (MissingMethodException).

        Assert.Equal(Expected, answer.Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, answer.FinishReason);
        Assert.Equal(Expected, streamed.ToString());
        Assert.Equal(Expected, viaResponses.Text);
    }
}
