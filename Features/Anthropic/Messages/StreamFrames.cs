using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Anthropic.Messages;

/// <summary>
/// The events of Anthropic's message stream, each named (its <c>event:</c> line) after its
/// data's <c>type</c>: Anthropic's SDKs dispatch on the event name and drop frames without one.
/// A whole stream: message_start, content_block_start, ping, content_block_delta per chunk,
/// content_block_stop, message_delta, message_stop.
/// </summary>
public static class StreamFrames
{
    public static SseEvent MessageStart(AnthropicMessage message) => Named(new MessageStartData(message));

    public static SseEvent ContentBlockStart() => Named(new ContentBlockStartData(0, new AnthropicTextBlock("")));

    public static SseEvent Ping() => Named(new PingData());

    public static SseEvent TextDelta(string text) => Named(new ContentBlockDeltaData(0, new TextDeltaData(text)));

    public static SseEvent ContentBlockStop() => Named(new ContentBlockStopData(0));

    public static SseEvent MessageDelta(Completion completion) =>
        Named(new MessageDeltaData(new StopData(completion.StopReason, completion.StopSequence), new OutputUsage(completion.OutputTokens)));

    public static SseEvent MessageStop() => Named(new MessageStopData());

    public static SseEvent Error(AnthropicError error) => new(error.Type, error);

    static SseEvent Named(Frame frame) => new(frame.Type, frame);

    /// <summary>Every frame's data starts with its type.</summary>
    public abstract record Frame([property: JsonPropertyOrder(-1)] string Type);

    sealed record MessageStartData(AnthropicMessage Message) : Frame("message_start");

    sealed record ContentBlockStartData(int Index, [property: JsonPropertyName("content_block")] AnthropicTextBlock ContentBlock)
        : Frame("content_block_start");

    sealed record PingData() : Frame("ping");

    sealed record ContentBlockDeltaData(int Index, TextDeltaData Delta) : Frame("content_block_delta");

    sealed record TextDeltaData(string Text)
    {
        [JsonPropertyOrder(-1)] public string Type => "text_delta";
    }

    sealed record ContentBlockStopData(int Index) : Frame("content_block_stop");

    sealed record MessageDeltaData(StopData Delta, OutputUsage Usage) : Frame("message_delta");

    sealed record StopData(
        [property: JsonPropertyName("stop_reason")] string StopReason,
        [property: JsonPropertyName("stop_sequence")] string? StopSequence);

    sealed record OutputUsage([property: JsonPropertyName("output_tokens")] int OutputTokens);

    sealed record MessageStopData() : Frame("message_stop");
}
