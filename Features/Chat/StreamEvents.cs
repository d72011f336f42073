using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;
using System.ComponentModel;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Chat;

/// <summary>
/// The events of a chat stream (docs/API.md, "Streams (SSE)"), for personal and group streams alike:
/// each is one of the <see cref="StreamEvent"/> records below, which are also what the OpenAPI
/// document shows. The optional <c>sender_name</c> is left out of the JSON when null (personal
/// streams) and set to the bot's name in group streams.
/// </summary>
public static class StreamEvents
{
    /// <summary>
    /// The native frame of an exchange event. Group streams name the sender (the bot) on every
    /// reply event; personal streams do not.
    /// </summary>
    public static SseEvent Of(ExchangeEvent e, bool namesSenders) => e switch
    {
        ExchangeEvent.UserMessage m => UserMessage(MessageDto.From(m.Message)),
        ExchangeEvent.ReplyStarted s => Start(s.Reply.Id, s.Reply.CreatedAt, namesSenders ? s.Responder.Name : null),
        ExchangeEvent.ReplyChunk c => Chunk(c.Reply.Id, c.Text, namesSenders ? c.Responder.Name : null),
        ExchangeEvent.ReplyEnded end => End(end.Reply.Id, end.Reply.Content, namesSenders ? end.Responder.Name : null),
        ExchangeEvent.Failed f => Error(f.Error),
        ExchangeEvent.Done => Done(),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "not an event of a native stream"),
    };

    public static SseEvent UserMessage(MessageDto message) => Message(new StreamUserMessageEvent { Data = message });

    public static SseEvent Start(string messageId, DateTime createdAt, string? senderName = null) =>
        Message(new StreamAiMessageStartEvent
        {
            Data = new() { Id = messageId, SenderName = senderName, CreatedAt = Timestamps.Format(createdAt) },
        });

    public static SseEvent Chunk(string messageId, string content, string? senderName = null) =>
        Message(new StreamAiMessageChunkEvent { Data = new() { MessageId = messageId, SenderName = senderName, Content = content } });

    public static SseEvent End(string messageId, string content, string? senderName = null) =>
        Message(new StreamAiMessageEndEvent { Data = new() { MessageId = messageId, SenderName = senderName, Content = content } });

    public static SseEvent Done() => new("done", new StreamDoneEvent());

    public static SseEvent Error(string message) => new("error", new StreamErrorEvent { Message = message });

    static SseEvent Message(StreamEvent data) => new("message", data);

    /// <summary>
    /// Documents a stream route's answer: a 200 <c>text/event-stream</c> of <see cref="StreamEvent"/>s
    /// (OpenAPI 3.0 cannot describe a sequence of events, so the schema is what one <c>data:</c>
    /// line carries, and the description and example show the framing), and the 429 of
    /// MAX_STREAMS_PER_USER, which every stream checks.
    /// </summary>
    public static void EventStream(this EndpointSummary summary)
    {
        summary.Response<StreamEvent>(StatusCodes.Status200OK, Framing, "text/event-stream");
        summary.ResponseExamples[StatusCodes.Status200OK] = Example;
        summary.ResponseHeaders.Add(new(StatusCodes.Status200OK, "Cache-Control") { Example = "no-cache" });
        summary.ResponseHeaders.Add(new(StatusCodes.Status200OK, "X-Accel-Buffering") { Example = "no" });
        summary.Response<ErrorEnvelope>(StatusCodes.Status429TooManyRequests,
            "A rate_limit scenario refused the request (with Retry-After), or the user already has MAX_STREAMS_PER_USER streams open; nothing stored");
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

// The JSON of each event, its properties in the order they are written. A property that returns
// a string literal (`type`, `sender_type`) is documented as that one value (WireSchemas).

[Description("The JSON of one `data:` line of the stream.")]
public abstract record StreamEvent;

[Description("`event: message`: the user's message, saved.")]
public sealed record StreamUserMessageEvent : StreamEvent
{
    public string Type => "userMessage";
    public required MessageDto Data { get; init; }
}

[Description("`event: message`: an AI message begins.")]
public sealed record StreamAiMessageStartEvent : StreamEvent
{
    public string Type => "aiMessageStart";
    public required StreamAiMessageStart Data { get; init; }
}

[Description("`event: message`: a piece of the AI message. The first chunk carries the model prefix with the "
    + "first character; every later one is one user-perceived character.")]
public sealed record StreamAiMessageChunkEvent : StreamEvent
{
    public string Type => "aiMessageChunk";
    public required StreamAiMessagePiece Data { get; init; }
}

[Description("`event: message`: the AI message is complete and stored; its content is the whole message, the "
    + "chunks concatenated.")]
public sealed record StreamAiMessageEndEvent : StreamEvent
{
    public string Type => "aiMessageEnd";
    public required StreamAiMessagePiece Data { get; init; }
}

[Description("`event: error`: the AI failed after its retries; the stream ends.")]
public sealed record StreamErrorEvent : StreamEvent
{
    public string Type => "error";
    public required string Message { get; init; }
}

[Description("`event: done`: every reply is complete; the stream ends.")]
public sealed record StreamDoneEvent : StreamEvent
{
    [Description("Always true.")]
    public bool Success => true;
}

[Description("The AI message about to be streamed.")]
public sealed record StreamAiMessageStart
{
    [Description("The id the AI message is stored with.")]
    public required string Id { get; init; }

    [JsonPropertyName("sender_type"), Description("Always `bot`.")]
    public string SenderType => MessageDoc.Bot;

    [JsonPropertyName("sender_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description(SenderNameOfBots)]
    public string? SenderName { get; init; }

    [JsonPropertyName("created_at"), Description("When the message started: its stored created_at.")]
    public required string CreatedAt { get; init; }

    internal const string SenderNameOfBots = "The bot's name: group streams only.";
}

[Description("A piece of the AI message (`aiMessageChunk`), or all of it (`aiMessageEnd`).")]
public sealed record StreamAiMessagePiece
{
    public required string MessageId { get; init; }

    [JsonPropertyName("sender_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull),
     Description(StreamAiMessageStart.SenderNameOfBots)]
    public string? SenderName { get; init; }

    public required string Content { get; init; }
}
