using System.Net;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;

namespace ChatFake.Tests.OpenAi;

/// <summary>POST /v1/responses on the wire: the response object and the streaming events.</summary>
public sealed class ResponsesTests(App app) : IClassFixture<App>
{
    const string Url = "/v1/responses";

    /// <summary>The fields every response object carries with fixed values here.</summary>
    static string Fixed(string? instructions = null, int? maxOutputTokens = null) =>
        $$$""""
        "instructions":{{{(instructions is null ? "null" : $"\"{instructions}\"")}}},"max_output_tokens":{{{maxOutputTokens?.ToString() ?? "null"}}},
        "object":"response","error":null,"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},
        "store":false,"temperature":1,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1,"truncation":"disabled",
        "user":null,"metadata":{}
        """";

    static string Usage(int input, int output) =>
        $$$"""{"input_tokens":{{{input}}},"output_tokens":{{{output}}},"input_tokens_details":{"cached_tokens":0},"output_tokens_details":{"reasoning_tokens":0},"total_tokens":{{{input + output}}}}""";

    static string Message(string id, string status, string? text) =>
        $$$"""{"id":"{{{id}}}","status":"{{{status}}}","content":[{{{(text is null ? "" : new JsonObject { ["text"] = text, ["type"] = "output_text", ["annotations"] = new JsonArray() }.ToJsonString())}}}],"type":"message","role":"assistant"}""";

    /// <summary>The keys of <paramref name="actual"/> and their values, whatever their order, compared to <paramref name="expected"/>.</summary>
    static void SameObject(string expected, JsonNode? actual)
    {
        var sorted = (JsonNode? node) => new JsonObject(node!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        Assert.Equal(sorted(JsonNode.Parse(expected)).ToJsonString(), sorted(actual).ToJsonString());
    }

    [Fact]
    public async Task Answers_a_response_object_with_the_native_reply_as_output_text()
    {
        var user = await app.NewUserAsync();
        var reply = ReplyComposer.ForModel("gpt-4", "你好");

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, new { model = "gpt-4", input = "你好", instructions = "Be kind." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = (string)body["id"]!;
        var itemId = (string)body["output"]![0]!["id"]!;
        Assert.Matches("^resp_[0-9a-f]{32}$", id);
        Assert.Matches("^msg_[0-9a-f]{32}$", itemId);
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        SameObject($$"""
            {"id":"{{id}}","created_at":{{now}},"status":"completed","completed_at":{{now}},"incomplete_details":null,
             "model":"gpt-4","output":[{{Message(itemId, "completed", reply.Text)}}],"usage":{{Usage(2 + 8, reply.Chunks().Count)}},
             {{Fixed("Be kind.")}}}
            """, body);
    }

    [Fact]
    public async Task Streams_the_documented_events_in_order_numbered_with_event_lines_equal_to_their_type()
    {
        var user = await app.NewUserAsync();
        var reply = ReplyComposer.ForModel("gpt-4", "Hello");

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, Url, new { model = "gpt-4", input = "Hello", stream = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var frames = Sse.Parse(await response.Content.ReadAsStringAsync());
        var pieces = reply.Chunks();
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             .. pieces.Select(_ => "response.output_text.delta"),
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            frames.Select(f => f.Event));
        Assert.All(frames, f => Assert.Equal(f.Event, f.Type));
        Assert.Equal(Enumerable.Range(0, frames.Count), frames.Select(f => (int)f.Data["sequence_number"]!));

        var id = (string)frames[0].Data["response"]!["id"]!;
        var itemId = (string)frames[2].Data["item"]!["id"]!;
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();
        var inProgress = $$"""{"id":"{{id}}","created_at":{{now}},"status":"in_progress","completed_at":null,"incomplete_details":null,"model":"gpt-4","output":[],"usage":null,{{Fixed()}}}""";
        SameObject(inProgress, frames[0].Data["response"]);
        SameObject(inProgress, frames[1].Data["response"]);
        JsonAssert.Equal($$"""{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{{Message(itemId, "in_progress", null)}}}""", frames[2].Data);
        JsonAssert.Equal($$$"""{"type":"response.content_part.added","sequence_number":3,"item_id":"{{{itemId}}}","output_index":0,"content_index":0,"part":{"text":"","type":"output_text","annotations":[]}}""", frames[3].Data);
        for (var i = 0; i < pieces.Count; i++)
            JsonAssert.Equal(new JsonObject
            {
                ["type"] = "response.output_text.delta", ["sequence_number"] = 4 + i, ["item_id"] = itemId, ["output_index"] = 0,
                ["content_index"] = 0, ["delta"] = pieces[i], ["logprobs"] = new JsonArray(),
            }.ToJsonString(), frames[4 + i].Data);
        var n = 4 + pieces.Count;
        JsonAssert.Equal(new JsonObject
        {
            ["type"] = "response.output_text.done", ["sequence_number"] = n, ["item_id"] = itemId, ["output_index"] = 0,
            ["content_index"] = 0, ["text"] = reply.Text, ["logprobs"] = new JsonArray(),
        }.ToJsonString(), frames[n].Data);
        JsonAssert.Equal(new JsonObject
        {
            ["type"] = "response.content_part.done", ["sequence_number"] = n + 1, ["item_id"] = itemId, ["output_index"] = 0,
            ["content_index"] = 0, ["part"] = new JsonObject { ["text"] = reply.Text, ["type"] = "output_text", ["annotations"] = new JsonArray() },
        }.ToJsonString(), frames[n + 1].Data);
        JsonAssert.Equal($$"""{"type":"response.output_item.done","sequence_number":{{n + 2}},"output_index":0,"item":{{Message(itemId, "completed", reply.Text)}}}""", frames[n + 2].Data);
        SameObject($$"""
            {"id":"{{id}}","created_at":{{now}},"status":"completed","completed_at":{{now}},"incomplete_details":null,"model":"gpt-4",
             "output":[{{Message(itemId, "completed", reply.Text)}}],"usage":{{Usage(5, pieces.Count)}},{{Fixed()}}}
            """, frames[n + 3].Data["response"]);
    }

    [Fact]
    public async Task Max_output_tokens_cuts_the_reply_and_leaves_the_response_incomplete()
    {
        var user = await app.NewUserAsync();
        var pieces = ReplyComposer.ForModel("gpt-4", "Hello").Chunks();
        var cut = string.Concat(pieces.Take(16));

        var body = await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, new { model = "gpt-4", input = "Hello", max_output_tokens = 16 })).ReadJsonAsync();
        var frames = Sse.Parse(await (await user.Http.SendJsonAsync(HttpMethod.Post, Url,
            new { model = "gpt-4", input = "Hello", max_output_tokens = 16, stream = true })).Content.ReadAsStringAsync());

        Assert.Equal("incomplete", (string?)body["status"]);
        Assert.Null(body["completed_at"]);
        JsonAssert.Equal("""{"reason":"max_output_tokens"}""", body["incomplete_details"]);
        Assert.Equal(16, (int?)body["max_output_tokens"]);
        Assert.Equal("incomplete", (string?)body["output"]![0]!["status"]);
        Assert.Equal(cut, (string?)body["output"]![0]!["content"]![0]!["text"]);
        Assert.Equal(16, (int)body["usage"]!["output_tokens"]!);

        Assert.Equal(16, frames.Count(f => f.Event == "response.output_text.delta"));
        Assert.Equal("response.incomplete", frames[^1].Event);
        Assert.Equal("incomplete", (string?)frames[^1].Data["response"]!["status"]);
        Assert.Equal(cut, (string?)frames[^1].Data["response"]!["output"]![0]!["content"]![0]!["text"]);
        JsonAssert.Equal("""{"reason":"max_output_tokens"}""", frames[^1].Data["response"]!["incomplete_details"]);
    }

    [Fact]
    public async Task Answers_the_last_user_message_of_a_list_of_input_items_and_ignores_other_items_and_fields()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, Url, """
            {"model":"gpt-4-turbo","temperature":0.5,"tools":[],"reasoning":{"effort":"low"},"metadata":{"a":"b"},"store":true,
             "input":[
              {"role":"developer","content":"Be brief."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok"}]},
              {"type":"function_call_output","call_id":"c1","output":"42"},
              {"role":"user","content":[{"type":"input_text","text":"second"},{"type":"input_image","image_url":"data:image/png;base64,AAAA"}]}
             ]}
            """);

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReplyComposer.ForModel("gpt-4-turbo", "second").Text, (string?)body["output"]![0]!["content"]![0]!["text"]);
        Assert.Equal(9 + 5 + 2 + 6, (int)body["usage"]!["input_tokens"]!);
        Assert.False((bool)body["store"]!);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"input":"hi"}""", "model", "model is required" },
        { """{"model":"gpt-4"}""", "input", "input must be a string or a list of input items" },
        { """{"model":"gpt-4","input":42}""", "input", "input must be a string or a list of input items" },
        { """{"model":"gpt-4","input":[{"content":"hi"}]}""", "input", "input must be a string or a list of input items" },
        { """{"model":"gpt-4","input":[]}""", "input", "input must contain a user message" },
        { """{"model":"gpt-4","input":[{"role":"system","content":"hi"}]}""", "input", "input must contain a user message" },
        { """{"model":"gpt-4","input":"hi","max_output_tokens":15}""", "max_output_tokens", "max_output_tokens must be at least 16" },
        { """{"model":"gpt-4","input":"hi","previous_response_id":"resp_1"}""", "previous_response_id", "previous_response_id is not supported" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_invalid_request_error_naming_the_field(string body, string param, string message)
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.SendRawAsync(HttpMethod.Post, Url, body)).AssertOpenAiErrorAsync(HttpStatusCode.BadRequest, "invalid_request_error", param: param);

        Assert.Contains(message, (string?)error["message"]);
    }

    [Fact]
    public async Task Scenarios_unknown_models_and_keys_answer_as_on_chat_completions()
    {
        var user = await app.NewUserAsync();
        Task<HttpResponseMessage> Post(string scenario, string model = "gpt-4", bool stream = false) => user.Http.SendJsonAsync(HttpMethod.Post, Url,
            new { model, input = "hi", stream }, new Dictionary<string, string> { ["X-Fake-Scenario"] = scenario });

        await (await Post("error", stream: true)).AssertOpenAiErrorAsync(HttpStatusCode.InternalServerError, "server_error");
        var limited = await Post("rate_limit");
        await limited.AssertOpenAiErrorAsync(HttpStatusCode.TooManyRequests, "requests", "rate_limit_exceeded");
        Assert.Equal(TimeSpan.Zero, limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post("rate_limit_once", stream: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("rate_limit_once", stream: true)).StatusCode);
        await (await Post("", "gpt-5")).AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", "model");
        await (await app.Anonymous().SendJsonAsync(HttpMethod.Post, Url, new { model = "gpt-4", input = "hi" }))
            .AssertOpenAiErrorAsync(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
    }

    [Fact]
    public async Task Responses_are_not_stored_so_none_can_be_retrieved()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await (await user.Http.SendJsonAsync(HttpMethod.Post, Url, new { model = "gpt-4", input = "hi", store = true })).ReadJsonAsync())["id"]!;

        await (await user.Http.GetAsync($"{Url}/{id}")).AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error");
    }
}
