using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatFake.Infrastructure.Streaming;

/// <summary>
/// One server-sent event: <c>event: &lt;Name&gt;</c> and <c>data: &lt;Data as JSON&gt;</c>. Without a
/// name there is no <c>event:</c> line (OpenAI's chat streams are bare <c>data:</c> lines), and a
/// string is written as it is (their closing <c>data: [DONE]</c>); it must hold no line break.
/// </summary>
public readonly record struct SseEvent(string? Name, object Data);

/// <summary>
/// Writes every SSE response of the app. Callers check their request first (those failures
/// are ordinary JSON errors) and then hand over the sequence of events to send.
/// </summary>
/// <remarks>
/// FastEndpoints' Send.EventStreamAsync is not used: it writes no X-Accel-Buffering header, and
/// its sequence has to be cut up front, whereas here the producer learns which events went out
/// (it is resumed only after its last event was written and flushed), so a stream interrupted
/// by the client can save exactly what was sent.
/// </remarks>
public static class EventStreamWriter
{
    static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web)
    {
        // Chinese text stays readable on the wire; JSON escaping still covers every control
        // character, so a data line never contains a line break.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Status 200, <c>text/event-stream</c>, no caching or proxy buffering; then each event as
    /// <c>event: name\ndata: json\n\n</c>, written and flushed as one piece. The events are
    /// enumerated with HttpContext.RequestAborted, and sending stops at once when it fires.
    /// </summary>
    /// <param name="failure">The frame that ends a stream whose producer broke, given the message
    /// (a protocol's own error frame); the native <c>error</c> event when null.</param>
    public static async Task WriteAsync(HttpContext http, IAsyncEnumerable<SseEvent> events, Func<string, SseEvent>? failure = null)
    {
        var response = http.Response;
        var aborted = http.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var body = response.BodyWriter;
        // One JSON writer per stream, pointed at the response pipe again for each frame: a frame
        // is serialized once, straight into the pipe's pooled buffers, with no string or array of its own.
        await using var data = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true });
        try
        {
            await response.StartAsync(aborted);
            await foreach (var e in events.WithCancellation(aborted))
            {
                WriteFrame(body, data, e);
                await body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the producer has already run its cleanup.
        }
        catch (Exception exception) when (aborted.IsCancellationRequested
            && http.RequestServices.GetRequiredService<ChatDb>().Unavailable(exception) is not null)
        {
            // The client went away and the producer's cleanup (saving what it got) met a failed
            // database: nobody is left to tell, and the failure was logged when it happened.
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            // The headers are out, so the error envelope can no longer be sent: end the stream
            // with an error event instead, in the shape of the protocol the request speaks. A
            // failed database was logged once, when it failed.
            var unavailable = http.RequestServices.GetRequiredService<ChatDb>().Unavailable(exception);
            if (unavailable is null)
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventStreamWriter))
                    .LogError(exception, "Event stream failed, trace id {TraceId}", http.TraceIdentifier);
            var message = unavailable?.Message ?? $"Internal server error (trace id {http.TraceIdentifier})";
            var status = unavailable is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            var frame = failure?.Invoke(message)
                ?? new SseEvent("error", ErrorResponses.ProtocolBody(http, status, message) ?? new { type = "error", message });
            WriteFrame(body, data, frame);
            await body.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary><c>event: name\ndata: json\n\n</c> (no event line without a name), into the pipe (sent by the next flush).</summary>
    static void WriteFrame(PipeWriter body, Utf8JsonWriter data, SseEvent e)
    {
        if (e.Name is not null)
        {
            Write(body, "event: ");
            Write(body, e.Name);
            Write(body, "\n");
        }
        Write(body, "data: ");
        if (e.Data is string text)
            Write(body, text);
        else
        {
            data.Reset(body);
            JsonSerializer.Serialize(data, e.Data, e.Data.GetType(), json);
            data.Flush();
        }
        Write(body, "\n\n");
    }

    static void Write(PipeWriter body, string text)
    {
        var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        body.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
