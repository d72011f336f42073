using ChatFake.Features.Chat;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors.Contexts;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// The SSE answer of the streaming routes (any path ending in <c>/messages/stream</c>): a 200
/// <c>text/event-stream</c> whose schema is the union of what one <c>data:</c> line carries
/// (API.md, "Streaming (SSE)"). The slices need to declare nothing; OpenAPI 3.0 has no way to
/// describe a sequence of events, so the schema names each frame's JSON and the description and
/// example show the framing.
/// </summary>
static class EventStreams
{
    const string EventSchema = "StreamEvent";

    public static bool IsStream(string path) => path.EndsWith("/messages/stream", StringComparison.Ordinal);

    public static void Document(OperationProcessorContext context)
    {
        var responses = context.OperationDescription.Operation.Responses;
        foreach (var status in responses.Keys.Where(s => s.StartsWith('2')).ToList())
            responses.Remove(status);

        var response = new OpenApiResponse { Description = Framing };
        response.Content["text/event-stream"] = new OpenApiMediaType
        {
            Schema = new JsonSchema { Reference = EventSchemaOf(context) },
            Example = Example,
        };
        response.Headers["Cache-Control"] = Header("no-cache");
        response.Headers["X-Accel-Buffering"] = Header("no");
        responses["200"] = response;
    }

    static OpenApiHeader Header(string value) =>
        new() { Schema = new JsonSchema { Type = JsonObjectType.String, Example = value } };

    /// <summary>The event schemas, added to the document by the first stream route that needs them.</summary>
    static JsonSchema EventSchemaOf(OperationProcessorContext context)
    {
        var schemas = context.Document.Components.Schemas;
        if (schemas.TryGetValue(EventSchema, out var existing)) return existing;

        var message = context.SchemaGenerator.GenerateWithReference<JsonSchema>(
            typeof(MessageDto).ToContextualType(), context.SchemaResolver).ActualSchema;
        JsonSchema Add(string name, JsonSchema schema) => schemas[name] = schema;
        var start = Add("StreamAiMessageStart", WithSenderName(Shape("The AI message about to be streamed.",
            ("id", Text("The id the AI message is stored with.")), ("sender_type", Text("Always `bot`.", "bot")),
            ("created_at", Text("When the message started: its stored created_at.")))));
        var chunk = Add("StreamAiMessageChunk", WithSenderName(Shape("The next piece of the AI message.",
            ("messageId", Text()), ("content", Text("The first chunk carries the model prefix with the first character; "
                + "every later one is one user-perceived character.")))));
        var end = Add("StreamAiMessageEnd", WithSenderName(Shape("The AI message is complete and stored.",
            ("messageId", Text()), ("content", Text("The whole message: the chunks concatenated.")))));

        var events = new JsonSchema[]
        {
            Add("StreamUserMessageEvent", Event("userMessage", message, "`event: message`: the user's message, saved.")),
            Add("StreamAiMessageStartEvent", Event("aiMessageStart", start, "`event: message`: an AI message begins.")),
            Add("StreamAiMessageChunkEvent", Event("aiMessageChunk", chunk, "`event: message`: a piece of the AI message.")),
            Add("StreamAiMessageEndEvent", Event("aiMessageEnd", end, "`event: message`: the AI message is complete.")),
            Add("StreamErrorEvent", Shape("`event: error`: the AI failed after its retries; the stream ends.",
                ("type", Text(null, "error")), ("message", Text()))),
            Add("StreamDoneEvent", Shape("`event: done`: every reply is complete; the stream ends.",
                ("success", new JsonSchemaProperty { Type = JsonObjectType.Boolean, Description = "Always true." }))),
        };
        var union = new JsonSchema { Description = "The JSON of one `data:` line of the stream." };
        foreach (var e in events) union.OneOf.Add(new JsonSchema { Reference = e });
        return Add(EventSchema, union);
    }

    static JsonSchema Event(string type, JsonSchema data, string description) =>
        Shape(description, ("type", Text(null, type)), ("data", new JsonSchemaProperty { Reference = data }));

    /// <summary>An object whose properties are all required.</summary>
    static JsonSchema Shape(string description, params (string Name, JsonSchemaProperty Property)[] properties)
    {
        var schema = new JsonSchema { Type = JsonObjectType.Object, Description = description, AllowAdditionalProperties = false };
        foreach (var (name, property) in properties)
        {
            schema.Properties[name] = property;
            schema.RequiredProperties.Add(name);
        }
        return schema;
    }

    static JsonSchema WithSenderName(JsonSchema shape)
    {
        shape.Properties["sender_name"] = Text("The bot's name: group streams only.");
        return shape;
    }

    static JsonSchemaProperty Text(string? description = null, string? only = null)
    {
        var property = new JsonSchemaProperty { Type = JsonObjectType.String, Description = description };
        if (only is not null) property.Enumeration.Add(only);
        return property;
    }

    const string Framing = """
        The reply, as Server-Sent Events, each flushed as it is written. Each event is an `event:` line
        (`message`, `error` or `done`) followed directly by one `data:` line of JSON (the schema below),
        then a blank line. In order: `userMessage`; then for each AI or bot reply `aiMessageStart`, its
        `aiMessageChunk`s and `aiMessageEnd`; then `done`. A failure after the retries sends `error`
        instead and ends the stream. Group streams add `sender_name` to the AI events, and answer with
        every bot in turn, sorted by bot id. Checks (auth, ownership, body) fail before the stream starts,
        as ordinary JSON errors.
        """;

    const string Example = """
        event: message
        data: {"type":"userMessage","data":{"id":"6d0c…","conversation_id":"3f1e…","group_conversation_id":null,"sender_id":"c106…","sender_type":"user","sender_name":"testuser","content":"你好","model_id":null,"ai_error":0,"error_message":null,"created_at":"2025-12-30T08:00:00.123Z"}}

        event: message
        data: {"type":"aiMessageStart","data":{"id":"9a7b…","sender_type":"bot","created_at":"2025-12-30T08:00:00.125Z"}}

        event: message
        data: {"type":"aiMessageChunk","data":{"messageId":"9a7b…","content":"[gpt-4-turbo] 你"}}

        event: message
        data: {"type":"aiMessageChunk","data":{"messageId":"9a7b…","content":"好"}}

        event: message
        data: {"type":"aiMessageEnd","data":{"messageId":"9a7b…","content":"[gpt-4-turbo] 你好"}}

        event: done
        data: {"success":true}

        """;
}
