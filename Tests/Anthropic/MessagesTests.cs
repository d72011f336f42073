using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;
using ChatFake.Tests.Conversations;

namespace ChatFake.Tests.Anthropic;

/// <summary>POST /v1/messages on the wire: every field of the message, every frame of the
/// stream, every error in Anthropic's shape.</summary>
public sealed class MessagesTests(App app) : IClassFixture<App>
{
    const string Url = "/v1/messages";
    static readonly string Hello = ReplyComposer.ForModel("claude-3-opus", "Hello, Claude").Text;

    static object Body(string content = "Hello, Claude", string model = "claude-3-opus", int maxTokens = 1024, bool stream = false) =>
        new { model, max_tokens = maxTokens, stream, messages = new[] { new { role = "user", content } } };

    /// <summary>A client that sends its token as Anthropic's SDKs do: x-api-key and anthropic-version.</summary>
    async Task<HttpClient> AnthropicClientAsync()
    {
        var user = await app.NewUserAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", user.Token);
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        return client;
    }

    static async Task<JsonNode> AssertAnthropicErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["type", "error"], body.Select(p => p.Key));
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal(["type", "message"], body["error"]!.AsObject().Select(p => p.Key));
        Assert.Equal(type, (string?)body["error"]!["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]!["message"]));
        return body["error"]!;
    }

    [Fact]
    public async Task A_message_is_the_fake_models_reply_in_anthropics_message_object()
    {
        var client = await AnthropicClientAsync();

        var response = await client.PostAsJsonAsync(Url, Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"], message.Select(p => p.Key));
        Assert.Matches("^msg_[0-9a-f]{32}$", (string?)message["id"]);
        Assert.Equal("message", (string?)message["type"]);
        Assert.Equal("assistant", (string?)message["role"]);
        Assert.Equal("claude-3-opus", (string?)message["model"]);
        JsonAssert.Equal(new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Hello }).ToJsonString(), message["content"]);
        Assert.Equal("end_turn", (string?)message["stop_reason"]);
        Assert.Equal(JsonValueKind.Null, message["stop_sequence"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.True(message.ContainsKey("stop_sequence"));
        JsonAssert.Equal(new JsonObject { ["input_tokens"] = "Hello, Claude".Length, ["output_tokens"] = ReplyComposer.ForModel("claude-3-opus", "Hello, Claude").Chunks().Count }
            .ToJsonString(), message["usage"]);
    }

    [Fact]
    public async Task The_reply_is_the_one_the_native_route_gives_for_the_same_model_and_content()
    {
        var user = await app.NewUserAsync();
        var conversation = (string)(await user.CreateConversationAsync(new { modelId = "claude-3-sonnet" }))["id"]!;
        var native = await (await user.Http.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { content = "  讲个笑话  " }))
            .AssertDataAsync(HttpStatusCode.Created);

        var client = await AnthropicClientAsync();
        var message = await (await client.PostAsJsonAsync(Url, Body("  讲个笑话  ", "claude-3-sonnet"))).ReadJsonAsync();

        Assert.Equal((string?)native["aiMessage"]!["content"], (string?)message["content"]![0]!["text"]);
        Assert.StartsWith("[claude-3-sonnet] ", (string?)message["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Any_active_model_answers_through_this_protocol()
    {
        var client = await AnthropicClientAsync();

        var message = await (await client.PostAsJsonAsync(Url, Body(model: "gpt-4"))).ReadJsonAsync();

        Assert.Equal("gpt-4", (string?)message["model"]);
        Assert.Equal(ReplyComposer.ForModel("gpt-4", "Hello, Claude").Text, (string?)message["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Content_blocks_system_prompts_images_and_unknown_fields_are_accepted_and_the_last_user_text_is_answered()
    {
        var client = await AnthropicClientAsync();
        var body = """
            {
              "model": "claude-3-opus", "max_tokens": 300, "temperature": 0.2, "top_p": 0.9, "top_k": 5,
              "metadata": {"user_id": "u-1"}, "tools": [], "some_future_field": {"x": 1},
              "system": [{"type": "text", "text": "You are terse."}],
              "messages": [
                {"role": "system", "content": "Answer in English."},
                {"role": "user", "content": "First question"},
                {"role": "assistant", "content": [{"type": "text", "text": "First answer"}]},
                {"role": "user", "content": [
                  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                  {"type": "text", "text": "What is in the picture?"},
                  {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "notes"}}
                ]}
              ]
            }
            """;

        var response = await client.SendRawAsync(HttpMethod.Post, Url, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await response.ReadJsonAsync();
        Assert.Equal(ReplyComposer.ForModel("claude-3-opus", "What is in the picture?").Text, (string?)message["content"]![0]!["text"]);
        var sent = "You are terse." + "Answer in English." + "First question" + "First answer" + "What is in the picture?";
        Assert.Equal(sent.Length, (int)message["usage"]!["input_tokens"]!);
    }

    [Fact]
    public async Task Max_tokens_keeps_that_many_deltas_and_stops_with_max_tokens()
    {
        var client = await AnthropicClientAsync();
        var chunks = ReplyComposer.ForModel("claude-3-opus", "Hello, Claude").Chunks();

        var message = await (await client.PostAsJsonAsync(Url, Body(maxTokens: 3))).ReadJsonAsync();

        Assert.Equal(string.Concat(chunks.Take(3)), (string?)message["content"]![0]!["text"]);
        Assert.Equal("[claude-3-opus] " + Hello["[claude-3-opus] ".Length..][..3], (string?)message["content"]![0]!["text"]);
        Assert.Equal("max_tokens", (string?)message["stop_reason"]);
        Assert.Null((string?)message["stop_sequence"]);
        Assert.Equal(3, (int)message["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task A_max_tokens_the_reply_fits_in_ends_the_turn()
    {
        var client = await AnthropicClientAsync();
        var count = ReplyComposer.ForModel("claude-3-opus", "Hello, Claude").Chunks().Count;

        var message = await (await client.PostAsJsonAsync(Url, Body(maxTokens: count))).ReadJsonAsync();

        Assert.Equal(Hello, (string?)message["content"]![0]!["text"]);
        Assert.Equal("end_turn", (string?)message["stop_reason"]);
    }

    [Fact]
    public async Task A_stop_sequence_cuts_the_text_before_it_and_is_named()
    {
        var client = await AnthropicClientAsync();
        var body = Hello["[claude-3-opus] ".Length..];
        var stop = body.Substring(5, 2);
        var cut = Hello.IndexOf(stop, StringComparison.Ordinal);

        var message = await (await client.PostAsJsonAsync(Url, new
        {
            model = "claude-3-opus", max_tokens = 1024, stop_sequences = new[] { "never in any reply ∞", stop },
            messages = new[] { new { role = "user", content = "Hello, Claude" } },
        })).ReadJsonAsync();

        Assert.Equal(Hello[..cut], (string?)message["content"]![0]!["text"]);
        Assert.Equal("stop_sequence", (string?)message["stop_reason"]);
        Assert.Equal(stop, (string?)message["stop_sequence"]);
        Assert.Equal(new Reply("[claude-3-opus] ", Hello["[claude-3-opus] ".Length..cut]).Chunks().Count, (int)message["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Of_two_stop_sequences_the_one_generated_first_stops_and_max_tokens_wins_when_it_comes_before()
    {
        var client = await AnthropicClientAsync();
        const string prefix = "[claude-3-opus] ";
        var body = Hello[prefix.Length..];
        // A character generated for the first time at the third body character or later, and a
        // sequence that starts before it but ends after it.
        var at = Enumerable.Range(2, body.Length - 4).First(i => !prefix.Contains(body[i]) && !body[..i].Contains(body[i]));
        var early = body[at].ToString();
        var late = body.Substring(at - 2, 4);
        object Request(int maxTokens) => new
        {
            model = "claude-3-opus", max_tokens = maxTokens, stop_sequences = new[] { late, early },
            messages = new[] { new { role = "user", content = "Hello, Claude" } },
        };

        var stopped = await (await client.PostAsJsonAsync(Url, Request(1024))).ReadJsonAsync();
        var truncated = await (await client.PostAsJsonAsync(Url, Request(2))).ReadJsonAsync();

        Assert.Equal(early, (string?)stopped["stop_sequence"]);
        Assert.Equal(prefix + body[..at], (string?)stopped["content"]![0]!["text"]);
        Assert.Equal("max_tokens", (string?)truncated["stop_reason"]);
        Assert.Equal(prefix + body[..2], (string?)truncated["content"]![0]!["text"]);
    }

    [Fact]
    public async Task A_stream_is_anthropics_event_sequence_with_every_frame_named_after_its_type()
    {
        var client = await AnthropicClientAsync();
        var chunks = ReplyComposer.ForModel("claude-3-opus", "Hello, Claude").Chunks();

        var response = await client.PostAsJsonAsync(Url, Body(stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var frames = Sse.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(frames, f => Assert.Equal(f.Event, f.Type));
        Assert.Equal(
            ["message_start", "content_block_start", "ping", .. chunks.Select(_ => "content_block_delta"), "content_block_stop", "message_delta", "message_stop"],
            frames.Select(f => f.Event));

        var start = frames[0].Data["message"]!.AsObject();
        Assert.Equal(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"], start.Select(p => p.Key));
        Assert.Matches("^msg_[0-9a-f]{32}$", (string?)start["id"]);
        start.Remove("id");
        JsonAssert.Equal($$$"""
            {"type":"message","role":"assistant","model":"claude-3-opus","content":[],"stop_reason":null,"stop_sequence":null,
             "usage":{"input_tokens":{{{"Hello, Claude".Length}}},"output_tokens":0}}
            """, start);
        JsonAssert.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", frames[1].Data);
        JsonAssert.Equal("""{"type":"ping"}""", frames[2].Data);
        for (var i = 0; i < chunks.Count; i++)
            JsonAssert.Equal(new JsonObject
            {
                ["type"] = "content_block_delta", ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunks[i] },
            }.ToJsonString(), frames[3 + i].Data);
        JsonAssert.Equal("""{"type":"content_block_stop","index":0}""", frames[^3].Data);
        JsonAssert.Equal($$$"""
            {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{chunks.Count}}}}}
            """, frames[^2].Data);
        JsonAssert.Equal("""{"type":"message_stop"}""", frames[^1].Data);
    }

    [Fact]
    public async Task A_streamed_reply_is_the_non_streamed_one_and_stops_for_the_same_reasons()
    {
        var client = await AnthropicClientAsync();
        var stop = Hello.Substring(30, 2);
        object Request(bool stream) => new
        {
            model = "claude-3-opus", max_tokens = 1024, stream, stop_sequences = new[] { stop },
            messages = new[] { new { role = "user", content = "Hello, Claude" } },
        };

        var message = await (await client.PostAsJsonAsync(Url, Request(false))).ReadJsonAsync();
        var frames = Sse.Parse(await (await client.PostAsJsonAsync(Url, Request(true))).Content.ReadAsStringAsync());

        var deltas = frames.Where(f => f.Event == "content_block_delta").Select(f => (string)f.Data["delta"]!["text"]!).ToList();
        Assert.Equal((string?)message["content"]![0]!["text"], string.Concat(deltas));
        Assert.Equal("stop_sequence", (string?)frames[^2].Data["delta"]!["stop_reason"]);
        Assert.Equal(stop, (string?)frames[^2].Data["delta"]!["stop_sequence"]);
        Assert.Equal(deltas.Count, (int)frames[^2].Data["usage"]!["output_tokens"]!);
        Assert.Equal((int)message["usage"]!["output_tokens"]!, deltas.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_the_conversation_header_the_exchange_is_appended_to_that_conversation(bool stream)
    {
        var user = await app.NewUserAsync();
        var conversation = (string)(await user.CreateConversationAsync(new { modelId = "gpt-4" }))["id"]!;
        var headers = new Dictionary<string, string> { ["X-ChatFake-Conversation"] = conversation };

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Body("  Hello, Claude  ", stream: stream), headers);
        var text = stream
            ? string.Concat(Sse.Parse(await response.Content.ReadAsStringAsync()).Where(f => f.Event == "content_block_delta").Select(f => (string)f.Data["delta"]!["text"]!))
            : (string)(await response.ReadJsonAsync())["content"]![0]!["text"]!;

        Assert.Equal(Hello, text);
        var messages = (await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray();
        Assert.Equal([("user", "Hello, Claude", (string?)null), ("bot", Hello, "claude-3-opus")],
            messages.Select(m => ((string)m!["sender_type"]!, (string)m["content"]!, (string?)m["model_id"])));
    }

    [Fact]
    public async Task Without_the_conversation_header_nothing_is_stored()
    {
        var user = await app.NewUserAsync();

        await (await user.Http.PostAsJsonAsync(Url, Body())).ReadJsonAsync();
        Assert.Equal("message_stop", Sse.Parse(await (await user.Http.PostAsJsonAsync(Url, Body(stream: true))).Content.ReadAsStringAsync())[^1].Event);

        Assert.Empty((await (await user.Http.GetAsync("/api/conversations")).AssertDataAsync()).AsArray());
    }

    [Fact]
    public async Task A_conversation_that_is_not_the_callers_is_a_404_not_found_error_and_stores_nothing()
    {
        var owner = await app.NewUserAsync();
        var conversation = (string)(await owner.CreateConversationAsync())["id"]!;
        var intruder = await app.NewUserAsync();

        var response = await intruder.Http.SendJsonAsync(HttpMethod.Post, Url, Body(), new Dictionary<string, string> { ["X-ChatFake-Conversation"] = conversation });

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.NotFound, "not_found_error");
        Assert.Equal("Conversation not found", (string?)error["message"]);
        Assert.Empty((await (await owner.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray());
    }

    [Fact]
    public async Task The_error_scenario_with_a_conversation_marks_the_stored_user_message_failed()
    {
        var user = await app.NewUserAsync();
        var conversation = (string)(await user.CreateConversationAsync())["id"]!;
        var headers = new Dictionary<string, string> { ["X-ChatFake-Conversation"] = conversation, ["X-Fake-Scenario"] = "error" };

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, Body(), headers);

        await AssertAnthropicErrorAsync(response, (HttpStatusCode)529, "overloaded_error");
        var message = Assert.Single((await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray());
        Assert.Equal(1, (int)message!["ai_error"]!);
        Assert.Equal("AI service temporarily unavailable (gave up after 3 attempts)", (string?)message["error_message"]);
    }

    [Fact]
    public async Task A_bearer_token_is_accepted_as_well_as_x_api_key()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync(Url, Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Hello, (string?)(await response.ReadJsonAsync())["content"]![0]!["text"]);
    }

    [Theory]
    [InlineData("x-api-key", "not-a-token")]
    [InlineData("Authorization", "Bearer not-a-token")]
    [InlineData(null, null)]
    public async Task A_missing_or_bad_key_is_a_401_authentication_error(string? header, string? value)
    {
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(Body()) };
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);

        var error = await AssertAnthropicErrorAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "authentication_error");

        Assert.Equal(header is null ? "Authentication required" : "Invalid token", (string?)error["message"]);
    }

    [Theory]
    [InlineData("""{"max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""", "model: Field required")]
    [InlineData("""{"model": "claude-3-opus", "messages": [{"role": "user", "content": "hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 0, "messages": [{"role": "user", "content": "hi"}]}""", "max_tokens: must be at least 1")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": "ten", "messages": [{"role": "user", "content": "hi"}]}""", "max_tokens has the wrong JSON type")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10}""", "messages: Field required, at least one message")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": []}""", "messages: Field required, at least one message")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "tool", "content": "hi"}]}""", "messages.0.role: must be \"user\", \"assistant\" or \"system\"")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "user"}]}""", "messages.0.content: must be a string or an array of content blocks")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "user", "content": [{"text": "no type"}]}]}""", "messages.0.content: must be a string or an array of content blocks")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "text"}]}]}""", "messages.0.content: must be a string or an array of content blocks")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [null]}""", "messages.0: must be an object")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "assistant", "content": "hi"}]}""", "messages: at least one message must have the role \"user\"")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "system": 42, "messages": [{"role": "user", "content": "hi"}]}""", "system: must be a string or an array of text blocks")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "system": [{"type": "image"}], "messages": [{"role": "user", "content": "hi"}]}""", "system: must be a string or an array of text blocks")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "stop_sequences": [""], "messages": [{"role": "user", "content": "hi"}]}""", "stop_sequences: each stop sequence must be a non-empty string")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "stream": "yes", "messages": [{"role": "user", "content": "hi"}]}""", "stream has the wrong JSON type")]
    [InlineData("""{"model": "claude-3-opus", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]""", "Malformed JSON body")]
    [InlineData("[]", "The request body must be a JSON object")]
    public async Task Bad_input_is_a_400_invalid_request_error_naming_the_field(string body, string message)
    {
        var client = await AnthropicClientAsync();

        var error = await AssertAnthropicErrorAsync(await client.SendRawAsync(HttpMethod.Post, Url, body), HttpStatusCode.BadRequest, "invalid_request_error");

        Assert.Contains(message, (string?)error["message"]);
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_400_before_the_model_is_called()
    {
        var client = await AnthropicClientAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Body(), new Dictionary<string, string> { ["X-Fake-Scenario"] = "meltdown" });

        var error = await AssertAnthropicErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Equal(Scenarios.Unknown("meltdown"), (string?)error["message"]);
    }

    [Theory]
    [InlineData("claude-4-imaginary")]
    [InlineData("gpt-5")]
    public async Task An_unknown_model_is_a_404_not_found_error(string model)
    {
        var client = await AnthropicClientAsync();

        var error = await AssertAnthropicErrorAsync(await client.PostAsJsonAsync(Url, Body(model: model, stream: true)), HttpStatusCode.NotFound, "not_found_error");

        Assert.Equal($"model: {model}", (string?)error["message"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_rate_limit_scenario_is_a_429_rate_limit_error_with_retry_after(bool stream)
    {
        var client = await AnthropicClientAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Body(stream: stream), new Dictionary<string, string> { ["X-Fake-Scenario"] = "rate_limit" });

        await AssertAnthropicErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_error");
        Assert.Equal("0", response.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task Rate_limit_once_refuses_then_lets_the_retry_through()
    {
        var client = await AnthropicClientAsync();
        var headers = new Dictionary<string, string> { ["X-Fake-Scenario"] = "rate_limit_once" };

        var refused = await client.SendJsonAsync(HttpMethod.Post, Url, Body(), headers);
        var retried = await client.SendJsonAsync(HttpMethod.Post, Url, Body(), headers);

        await AssertAnthropicErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limit_error");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(Hello, (string?)(await retried.ReadJsonAsync())["content"]![0]!["text"]);
    }

    [Fact]
    public async Task The_error_scenario_is_a_529_overloaded_error_after_the_retries()
    {
        var client = await AnthropicClientAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Body(), new Dictionary<string, string> { ["X-Fake-Scenario"] = "error" });

        var error = await AssertAnthropicErrorAsync(response, (HttpStatusCode)529, "overloaded_error");
        Assert.Equal("AI service temporarily unavailable (gave up after 3 attempts)", (string?)error["message"]);
    }

    [Fact]
    public async Task The_error_scenario_in_a_stream_is_one_error_event_in_anthropics_shape()
    {
        var client = await AnthropicClientAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Body(stream: true), new Dictionary<string, string> { ["X-Fake-Scenario"] = "error" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var frame = Assert.Single(Sse.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("error", frame.Event);
        JsonAssert.Equal("""
            {"type":"error","error":{"type":"overloaded_error","message":"AI service temporarily unavailable (gave up after 3 attempts)"}}
            """, frame.Data);
    }

    [Fact]
    public async Task The_flaky_scenario_is_retried_inside_and_answers()
    {
        var client = await AnthropicClientAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, Url, Body(), new Dictionary<string, string> { ["X-Fake-Scenario"] = "flaky" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Hello, (string?)(await response.ReadJsonAsync())["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Unknown_v1_routes_and_wrong_methods_answer_in_anthropics_shape_when_anthropic_version_is_sent()
    {
        var client = await AnthropicClientAsync();

        await AssertAnthropicErrorAsync(await client.GetAsync("/v1/messages"), HttpStatusCode.MethodNotAllowed, "invalid_request_error");
        await AssertAnthropicErrorAsync(await client.GetAsync("/v1/no-such-route"), HttpStatusCode.NotFound, "not_found_error");
    }

    [Fact]
    public async Task ChatFakes_own_routes_keep_their_envelope_when_an_anthropic_client_calls_them()
    {
        var client = await AnthropicClientAsync();

        var response = await client.GetAsync("/api/conversations/no-such-id");

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_browser_preflight_may_send_anthropics_headers()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, Url);
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers",
            "anthropic-version,x-api-key,anthropic-dangerous-direct-browser-access,content-type,x-stainless-os,x-stainless-retry-count");

        var response = await app.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(v => v.Split(',')).Select(h => h.Trim().ToLowerInvariant());
        Assert.Subset(allowed.ToHashSet(),
            new HashSet<string> { "anthropic-version", "x-api-key", "anthropic-dangerous-direct-browser-access", "content-type", "x-stainless-os", "x-stainless-retry-count" });
    }
}
