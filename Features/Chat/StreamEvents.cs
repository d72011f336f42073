using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Chat;

/// <summary>
/// The events of a chat stream (API.md, "Streaming"), for personal and group streams alike.
/// The optional <c>senderName</c> is left out of the JSON when null (personal streams) and
/// written as <c>sender_name</c> when set (group streams: the bot's name).
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

    public static SseEvent UserMessage(MessageDto message) => Message(new Payload("userMessage", message));

    public static SseEvent Start(string messageId, DateTime createdAt, string? senderName = null) =>
        Message(new Payload("aiMessageStart", new StartData(messageId, MessageDoc.Bot, senderName, Timestamps.Format(createdAt))));

    public static SseEvent Chunk(string messageId, string content, string? senderName = null) =>
        Message(new Payload("aiMessageChunk", new ContentData(messageId, senderName, content)));

    public static SseEvent End(string messageId, string content, string? senderName = null) =>
        Message(new Payload("aiMessageEnd", new ContentData(messageId, senderName, content)));

    public static SseEvent Done() => new("done", new DoneData(true));

    public static SseEvent Error(string message) => new("error", new ErrorData("error", message));

    static SseEvent Message(Payload payload) => new("message", payload);

    sealed record Payload(string Type, object Data);

    sealed record StartData(
        string Id,
        [property: JsonPropertyName("sender_type")] string SenderType,
        [property: JsonPropertyName("sender_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SenderName,
        [property: JsonPropertyName("created_at")] string CreatedAt);

    sealed record ContentData(
        string MessageId,
        [property: JsonPropertyName("sender_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SenderName,
        string Content);

    sealed record DoneData(bool Success);

    sealed record ErrorData(string Type, string Message);
}
