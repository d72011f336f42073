using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.OpenAi.Responses;

/// <summary>
/// The streaming events of the Responses API that a text reply goes through, each sent as
/// <c>event: &lt;type&gt;</c> with its JSON, numbered by <c>sequence_number</c> from 0.
/// </summary>
sealed class Events
{
    int next;

    public SseEvent OfResponse(string type, Response response) => Frame(type, n => new ResponseEvent(type, n, response));

    public SseEvent OfItem(string type, OutputMessage item) => Frame(type, n => new ItemEvent(type, n, 0, item));

    public SseEvent OfPart(string type, string itemId, OutputText part) => Frame(type, n => new PartEvent(type, n, itemId, 0, 0, part));

    public SseEvent Delta(string itemId, string delta) =>
        Frame("response.output_text.delta", n => new DeltaEvent("response.output_text.delta", n, itemId, 0, 0, delta, []));

    public SseEvent TextDone(string itemId, string text) =>
        Frame("response.output_text.done", n => new TextDoneEvent("response.output_text.done", n, itemId, 0, 0, text, []));

    /// <summary>The stream broke after it started: OpenAI's <c>error</c> event.</summary>
    public SseEvent Error(string message) => Frame("error", n => new ErrorEvent("error", n, "server_error", message, null));

    SseEvent Frame(string type, Func<int, object> data) => new(type, data(next++));

    sealed record ErrorEvent(string Type, [property: JsonPropertyName("sequence_number")] int SequenceNumber, string Code, string Message, string? Param);

    sealed record ResponseEvent(string Type, [property: JsonPropertyName("sequence_number")] int SequenceNumber, Response Response);

    sealed record ItemEvent(
        string Type,
        [property: JsonPropertyName("sequence_number")] int SequenceNumber,
        [property: JsonPropertyName("output_index")] int OutputIndex,
        OutputMessage Item);

    sealed record PartEvent(
        string Type,
        [property: JsonPropertyName("sequence_number")] int SequenceNumber,
        [property: JsonPropertyName("item_id")] string ItemId,
        [property: JsonPropertyName("output_index")] int OutputIndex,
        [property: JsonPropertyName("content_index")] int ContentIndex,
        OutputText Part);

    sealed record DeltaEvent(
        string Type,
        [property: JsonPropertyName("sequence_number")] int SequenceNumber,
        [property: JsonPropertyName("item_id")] string ItemId,
        [property: JsonPropertyName("output_index")] int OutputIndex,
        [property: JsonPropertyName("content_index")] int ContentIndex,
        string Delta,
        IReadOnlyList<object> Logprobs);

    sealed record TextDoneEvent(
        string Type,
        [property: JsonPropertyName("sequence_number")] int SequenceNumber,
        [property: JsonPropertyName("item_id")] string ItemId,
        [property: JsonPropertyName("output_index")] int OutputIndex,
        [property: JsonPropertyName("content_index")] int ContentIndex,
        string Text,
        IReadOnlyList<object> Logprobs);
}
