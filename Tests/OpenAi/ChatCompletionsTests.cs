using System.Net;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;

namespace ChatFake.Tests.OpenAi;

/// <summary>POST /v1/chat/completions on the wire: the exact JSON and frames OpenAI clients read.</summary>
public sealed class ChatCompletionsTests(App app) : IClassFixture<App>
{
    const string Url = "/v1/chat/completions";

    static object Hello(string model = "gpt-4", bool stream = false, object? extra = null) => new Dictionary<string, object?>
    {
        ["model"] = model,
        ["messages"] = new[] { new { role = "user", content = "Hello" } },
        ["stream"] = stream,
    }.Concat(extra is null ? [] : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject()
        .Select(p => KeyValuePair.Create(p.Key, (object?)p.Value))).ToDictionary();

    [Fact]
    public async Task Answers_a_chat_completion_with_the_native_reply_and_its_usage()
    {
        var user = await app.NewUserAsync();
        var reply = ReplyComposer.ForModel("gpt-4", "Hello");

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["id", "object", "created", "model", "choices", "usage", "service_tier"], body.AsObject().Select(p => p.Key));
        Assert.Matches("^chatcmpl-[0-9a-f]{32}$", (string)body["id"]!);
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.Equal(app.Time.GetUtcNow().ToUnixTimeSeconds(), (long)body["created"]!);
        Assert.Equal("gpt-4", (string?)body["model"]);
        JsonAssert.Equal(new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text, ["refusal"] = null, ["annotations"] = new JsonArray() },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        }).ToJsonString(), body["choices"]);
        var completionTokens = reply.Chunks().Count;
        JsonAssert.Equal($$$"""
            {"prompt_tokens":5,"completion_tokens":{{{completionTokens}}},"total_tokens":{{{5 + completionTokens}}},
             "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}
            """, body["usage"]);
        Assert.Equal("default", (string?)body["service_tier"]);
    }

    [Fact]
    public async Task The_reply_is_the_one_the_native_route_gives_for_the_same_model_and_message()
    {
        var user = await app.NewUserAsync();
        var conversation = (string)(await (await user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { modelId = "claude-3-opus" }))
            .AssertDataAsync(HttpStatusCode.Created))["id"]!;
        var native = await (await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", new { content = "讲个故事" }))
            .AssertDataAsync(HttpStatusCode.Created);

        var body = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, new
        {
            model = "claude-3-opus",
            messages = new[] { new { role = "user", content = "  讲个故事 " } },
        })).ReadJsonAsync();

        Assert.Equal((string?)native["aiMessage"]!["content"], (string?)body["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task Streams_chunks_with_one_id_the_role_first_then_the_native_pieces_the_finish_reason_the_usage_and_DONE()
    {
        var user = await app.NewUserAsync();
        var reply = ReplyComposer.ForModel("gpt-4", "Hello");

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(stream: true, extra: new { stream_options = new { include_usage = true } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var frames = OpenAiWire.ChatFrames(await response.Content.ReadAsStringAsync());
        var id = (string)frames[0]["id"]!;
        Assert.Matches("^chatcmpl-[0-9a-f]{32}$", id);
        var created = app.Time.GetUtcNow().ToUnixTimeSeconds();
        string Expected(string choices, string? usage = null) =>
            $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":{{created}},"model":"gpt-4","choices":{{choices}}{{(usage is null ? "" : $",\"usage\":{usage}")}}}""";
        string Choice(string delta, string? finish = null) =>
            $$"""[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]""";

        var expected = new List<string> { Expected(Choice("""{"role":"assistant","content":""}""")) };
        expected.AddRange(reply.Chunks().Select(piece => Expected(Choice(new JsonObject { ["content"] = piece }.ToJsonString()))));
        expected.Add(Expected(Choice("{}", "stop")));
        var tokens = reply.Chunks().Count;
        expected.Add(Expected("[]", $$$"""{"prompt_tokens":5,"completion_tokens":{{{tokens}}},"total_tokens":{{{5 + tokens}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"""));
        Assert.Equal(expected.Select(e => JsonNode.Parse(e)!.ToJsonString()), frames.Select(f => f.ToJsonString()));
    }

    [Fact]
    public async Task Without_include_usage_the_finishing_chunk_comes_last()
    {
        var user = await app.NewUserAsync();

        var frames = OpenAiWire.ChatFrames(await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(stream: true))).Content.ReadAsStringAsync());

        Assert.Equal("stop", (string?)frames[^1]["choices"]![0]!["finish_reason"]);
        Assert.All(frames, f => Assert.Null(f["usage"]));
        Assert.Equal(ReplyComposer.ForModel("gpt-4", "Hello").Text, string.Concat(frames.Select(f => (string?)f["choices"]![0]!["delta"]!["content"])));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task A_token_limit_cuts_the_reply_to_that_many_chunks_with_finish_reason_length(string field)
    {
        var user = await app.NewUserAsync();
        var chunks = ReplyComposer.ForModel("gpt-4", "Hello").Chunks();
        var limit = new JsonObject { [field] = 5 };

        var body = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(extra: limit))).ReadJsonAsync();
        var frames = OpenAiWire.ChatFrames(await (await user.Http.SendJsonAsync(HttpMethod.Post, Url,
            Hello(stream: true, extra: new JsonObject { [field] = 5, ["stream_options"] = new JsonObject { ["include_usage"] = true } })))
            .Content.ReadAsStringAsync());

        Assert.Equal(string.Concat(chunks.Take(5)), (string?)body["choices"]![0]!["message"]!["content"]);
        Assert.Equal("length", (string?)body["choices"]![0]!["finish_reason"]);
        Assert.Equal(5, (int)body["usage"]!["completion_tokens"]!);
        Assert.Equal(chunks.Take(5), frames.Skip(1).Take(5).Select(f => (string)f["choices"]![0]!["delta"]!["content"]!));
        Assert.Equal("length", (string?)frames[6]["choices"]![0]!["finish_reason"]);
        Assert.Equal(5, (int)frames[7]["usage"]!["completion_tokens"]!);
        Assert.Equal(8, frames.Count);
    }

    [Fact]
    public async Task A_limit_above_the_reply_length_changes_nothing()
    {
        var user = await app.NewUserAsync();

        var body = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(extra: new { max_tokens = 4096 }))).ReadJsonAsync();

        Assert.Equal(ReplyComposer.ForModel("gpt-4", "Hello").Text, (string?)body["choices"]![0]!["message"]!["content"]);
        Assert.Equal("stop", (string?)body["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task Answers_the_last_user_message_of_any_roles_and_content_parts_and_ignores_unknown_fields()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, Url, """
            {"model":"gpt-3.5-turbo","temperature":0.2,"top_p":0.9,"seed":7,"user":"u-1","metadata":{"k":"v"},"n":1,
             "tools":[{"type":"function","function":{"name":"f","parameters":{}}}],"frequency_penalty":0,"response_format":{"type":"text"},
             "messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":[{"type":"text","text":"Really."}]},
              {"role":"user","content":"first question"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"42"},
              {"role":"user","content":[{"type":"text","text":"Second"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},{"type":"text","text":"question"}]}
             ]}
            """);

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReplyComposer.ForModel("gpt-3.5-turbo", "Second\nquestion").Text, (string?)body["choices"]![0]!["message"]!["content"]);
        // Every message's text: "Be brief." 9 + "Really." 7 + 14 + 0 + 2 + "Second\nquestion" 15
        Assert.Equal(47, (int)body["usage"]!["prompt_tokens"]!);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"messages":[{"role":"user","content":"hi"}]}""", "model", "model is required" },
        { """{"model":"gpt-4"}""", "messages", "messages must be a non-empty array" },
        { """{"model":"gpt-4","messages":[]}""", "messages", "messages must be a non-empty array" },
        { """{"model":"gpt-4","messages":[{"role":"system","content":"hi"}]}""", "messages", "messages must contain a user message" },
        { """{"model":"gpt-4","messages":[{"role":"robot","content":"hi"},{"role":"user","content":"hi"}]}""", "messages[0].role", "role must be one of" },
        { """{"model":"gpt-4","messages":[{"role":"user","content":42}]}""", "messages[0].content", "content must be a string or an array" },
        { """{"model":"gpt-4","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content", "content must be a string or an array" },
        { """{"model":"gpt-4","messages":[{"role":"user","content":"hi"}],"n":2}""", "n", "n must be 1" },
        { """{"model":"gpt-4","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens", "max_tokens must be at least 1" },
        { """{"model":"gpt-4","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":-1}""", "max_completion_tokens", "max_completion_tokens must be at least 1" },
        { """{"model":"gpt-4","messages":"hi"}""", "messages", "messages has the wrong JSON type" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_invalid_request_error_naming_the_field(string body, string param, string message)
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.SendRawAsync(HttpMethod.Post, Url, body)).AssertOpenAiErrorAsync(HttpStatusCode.BadRequest, "invalid_request_error", param: param);

        Assert.Contains(message, (string?)error["message"]);
    }

    [Theory]
    [InlineData("{\"model\":", null)]
    [InlineData("[1,2]", null)]
    [InlineData("null", null)]
    public async Task A_body_that_is_no_JSON_object_is_a_400_in_OpenAI_shape(string body, string? param)
    {
        var user = await app.NewUserAsync();

        await (await user.Http.SendRawAsync(HttpMethod.Post, Url, body)).AssertOpenAiErrorAsync(HttpStatusCode.BadRequest, "invalid_request_error", param: param);
    }

    [Fact]
    public async Task An_unknown_or_retired_model_is_a_404_model_not_found_and_a_bad_key_a_401()
    {
        var user = await app.NewUserAsync();
        Models.RetiredModel.EnsureIn(app);

        await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello("gpt-5"))).AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", "model");
        await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(Models.RetiredModel.Id, stream: true)))
            .AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", "model");
        await (await app.Anonymous().SendJsonAsync(HttpMethod.Post, Url, Hello())).AssertOpenAiErrorAsync(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
    }

    [Fact]
    public async Task The_error_scenario_is_a_500_server_error_after_the_retries_streamed_or_not()
    {
        var user = await app.NewUserAsync();
        var headers = new Dictionary<string, string> { ["X-Fake-Scenario"] = "error" };

        foreach (var stream in new[] { false, true })
        {
            var error = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(stream: stream), headers))
                .AssertOpenAiErrorAsync(HttpStatusCode.InternalServerError, "server_error");
            Assert.Equal("AI service temporarily unavailable (gave up after 3 attempts)", (string?)error["message"]);
        }
    }

    [Fact]
    public async Task The_flaky_scenario_succeeds_through_the_fake_models_retry()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(), new Dictionary<string, string> { ["X-Fake-Scenario"] = "flaky" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_400_naming_the_header()
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(), new Dictionary<string, string> { ["X-Fake-Scenario"] = "bogus" }))
            .AssertOpenAiErrorAsync(HttpStatusCode.BadRequest, "invalid_request_error", param: "X-Fake-Scenario");
        Assert.Contains("rate_limit_once", (string?)error["message"]);
    }

    [Fact]
    public async Task The_rate_limit_scenario_is_a_429_rate_limit_exceeded_with_Retry_After_streamed_or_not()
    {
        var user = await app.NewUserAsync();
        var headers = new Dictionary<string, string> { ["X-Fake-Scenario"] = "rate_limit" };

        foreach (var stream in new[] { false, true, false })
        {
            var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(stream: stream), headers);
            var error = await response.AssertOpenAiErrorAsync(HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
            Assert.Equal("Rate limit exceeded (simulated by X-Fake-Scenario): retry after 0 s", (string?)error["message"]);
            Assert.Equal(TimeSpan.Zero, response.Headers.RetryAfter?.Delta); // one second x AI_DELAY_SCALE (0 in tests)
        }
    }

    [Fact]
    public async Task Rate_limit_once_refuses_and_lets_through_in_turn_for_each_user()
    {
        var alice = await app.NewUserAsync();
        var bob = await app.NewUserAsync();
        var headers = new Dictionary<string, string> { ["X-Fake-Scenario"] = "rate_limit_once" };
        async Task<HttpStatusCode> Send(UserClient user) => (await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(), headers)).StatusCode;

        Assert.Equal(HttpStatusCode.TooManyRequests, await Send(alice));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Send(bob));
        Assert.Equal(HttpStatusCode.OK, await Send(alice));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Send(alice));
        Assert.Equal(HttpStatusCode.OK, await Send(bob));
        Assert.Equal(HttpStatusCode.OK, await Send(alice));
    }

    [Fact]
    public async Task Nothing_is_stored_without_a_conversation_header()
    {
        var user = await app.NewUserAsync();

        await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello());
        await user.Http.SendJsonAsync(HttpMethod.Post, Url, Hello(stream: true));

        Assert.Empty((await (await user.Http.GetAsync("/api/conversations")).AssertDataAsync()).AsArray());
    }
}

/// <summary>The timeout scenario, on a clock the test moves.</summary>
public sealed class ChatCompletionsTimeoutTests
{
    [Fact]
    public async Task The_timeout_scenario_is_a_504_timeout_after_every_attempt_ran_into_AI_TIMEOUT_SECONDS()
    {
        using var app = new WatchedApp();
        var user = await app.NewUserAsync();
        var request = user.Http.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
            new { model = "gpt-4", messages = new[] { new { role = "user", content = "Hello" } } },
            new Dictionary<string, string> { ["X-Fake-Scenario"] = "timeout" });

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await app.Timers.TimerStartedAsync(TimeSpan.FromSeconds(30));
            app.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var error = await (await request).AssertOpenAiErrorAsync(HttpStatusCode.GatewayTimeout, "timeout", "timeout");
        Assert.Equal("AI request timed out after 30s (gave up after 3 attempts)", (string?)error["message"]);
    }
}
