using System.Globalization;
using System.Runtime.CompilerServices;
using ChatFake.FakeModel;
using ChatFake.Features.Models;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Anthropic.Messages;

sealed class Endpoint(ChatDb db, FakeAi ai, StreamSlots slots) : Endpoint<Request, AnthropicMessage>
{
    readonly string id = "msg_" + Guid.NewGuid().ToString("N");

    public override void Configure()
    {
        Post("/v1/messages");
        // Checked in this order, all before the model is called: the body and X-Fake-Scenario
        // (400), the model (404), the rate_limit scenarios and the stream cap (429).
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Anthropic's Messages API: the fake model's reply, as a message or a stream of Anthropic's events";
            s.Description = "With `stream: true` the answer is `text/event-stream`: message_start, content_block_start, ping, "
                + "content_block_delta (text_delta) per chunk, content_block_stop, message_delta, message_stop; each frame's "
                + "`event:` is its data's `type`. The fake model failing after its retries is then one `error` event (overloaded_error).";
            s.Response<AnthropicMessage>(StatusCodes.Status200OK, "The message (stream: false), or the event stream (stream: true)");
            s.Response<AnthropicError>(StatusCodes.Status400BadRequest, "invalid_request_error: a missing or invalid field, or an unknown X-Fake-Scenario");
            s.Response<AnthropicError>(StatusCodes.Status401Unauthorized, "authentication_error: no key, or not a valid ChatFake token");
            s.Response<AnthropicError>(StatusCodes.Status404NotFound, "not_found_error: no active model has that id");
            s.Response<AnthropicError>(StatusCodes.Status413PayloadTooLarge, "request_too_large");
            s.Response<AnthropicError>(StatusCodes.Status429TooManyRequests, "rate_limit_error: the rate_limit scenarios (with retry-after), or MAX_STREAMS_PER_USER");
            s.Response<AnthropicError>(StatusCodes.Status500InternalServerError, "api_error");
            s.Response<AnthropicError>(AnthropicErrors.Overloaded, "overloaded_error: the fake model failed after its retries (stream: false)");
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var scenario = Scenarios.Read(HttpContext.Request, ValidationFailures);
        if (ValidationFailed)
        {
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }
        if (!ActiveModels.Contains(db, req.Model!))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, $"model: {req.Model}", ct);
            return;
        }
        if (ai.RateLimited(scenario, User.Id()) is { } retryAfter)
        {
            HttpContext.Response.Headers.RetryAfter = retryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            await HttpContext.SendErrorAsync(StatusCodes.Status429TooManyRequests,
                $"Rate limited ({Scenarios.Header}: {HttpContext.Request.Headers[Scenarios.Header]}); retry after the retry-after header's seconds", ct);
            return;
        }

        if (req.Stream != true)
        {
            await SendMessageAsync(req, scenario, ct);
            return;
        }
        using var slot = slots.TryOpen(User.Id());
        if (slot is null)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status429TooManyRequests, slots.TooMany, ct);
            return;
        }
        await EventStreamWriter.WriteAsync(HttpContext, Events(req, scenario));
    }

    async Task SendMessageAsync(Request req, Scenario scenario, CancellationToken ct)
    {
        AiCallResult call;
        try
        {
            call = await ai.CallAsync(scenario, DelayRange.BeforeReply, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // the client left; nothing was stored, nobody reads an answer
        }
        if (!call.Succeeded)
        {
            await HttpContext.SendErrorAsync(AnthropicErrors.Overloaded, call.Error!, ct);
            return;
        }
        var completion = Complete(req);
        await Send.OkAsync(Message(req, completion.Reply.Text, completion), ct);
    }

    /// <summary>
    /// The stream of one exchange. The fake model's attempts come first: failing them all
    /// is an <c>error</c> event (overloaded_error, as Anthropic reports overload mid-stream)
    /// and nothing else.
    /// </summary>
    async IAsyncEnumerable<SseEvent> Events(Request req, Scenario scenario, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var call = await ai.CallAsync(scenario, DelayRange.BeforeStream, ct);
        if (!call.Succeeded)
        {
            yield return StreamFrames.Error(AnthropicErrors.Of(AnthropicErrors.Overloaded, call.Error!));
            yield break;
        }
        var completion = Complete(req);
        yield return StreamFrames.MessageStart(Message(req, null, null));
        yield return StreamFrames.ContentBlockStart();
        yield return StreamFrames.Ping();
        await foreach (var chunk in ai.StreamAsync(completion.Reply, scenario, DelayRange.BetweenChunks, ct))
            yield return StreamFrames.TextDelta(chunk);
        yield return StreamFrames.ContentBlockStop();
        yield return StreamFrames.MessageDelta(completion);
        yield return StreamFrames.MessageStop();
    }

    static Completion Complete(Request req) =>
        Completion.Of(ReplyComposer.ForModel(req.Model!, req.Prompt()), req.MaxTokens!.Value, req.StopSequences?.Select(s => s!).ToList() ?? []);

    /// <summary>The message with <paramref name="text"/>, or, without text, as message_start
    /// announces it: no content, no stop reason, no output yet.</summary>
    AnthropicMessage Message(Request req, string? text, Completion? completion) => new(
        id,
        req.Model!,
        text is null ? [] : [new AnthropicTextBlock(text)],
        completion?.StopReason,
        completion?.StopSequence,
        new AnthropicUsage(Completion.InputTokens(req.InputTexts()), completion?.OutputTokens ?? 0));
}
