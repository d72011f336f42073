using System.Runtime.CompilerServices;
using ChatFake.FakeModel;
using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Anthropic.Messages;

sealed class Endpoint(ChatDb db, ModelCatalog catalog, ChatExchange chat) : Endpoint<Request, AnthropicMessage>
{
    /// <summary>Optional: the id of one of the caller's conversations, to which the exchange is
    /// appended (the last user message and the reply), visible through /api. Without it nothing is stored.</summary>
    public const string ConversationHeader = "X-ChatFake-Conversation";

    public override void Configure()
    {
        Post("/v1/messages");
        Group<Area>();
        // Checked in this order, all before anything is stored or the model is called: the body
        // and X-Fake-Scenario (400), the model and the conversation (404), the rate_limit
        // scenarios and the stream cap (429).
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
        if (catalog.FindActive(req.Model!) is not { } model)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, $"model: {req.Model}", ct);
            return;
        }
        var prompt = req.Prompt();
        ChatThread? thread = null;
        if (HttpContext.Request.Headers[ConversationHeader] is [{ } conversationId])
        {
            if (db.ConversationOf(conversationId, User.Id()) is not { } conversation)
            {
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, Features.NotFound.Conversation, ct);
                return;
            }
            // What is stored is a message as the native routes take it.
            if (prompt.Length is < 1 or > NewMessageValidator.MaxContentLength)
            {
                await HttpContext.SendErrorAsync(StatusCodes.Status400BadRequest,
                    $"messages: with {ConversationHeader}, the last user message must have 1 to {NewMessageValidator.MaxContentLength} characters of text", ct);
                return;
            }
            thread = ChatThread.Of(db, conversation);
        }
        var streamed = req.Stream == true;
        // Held until the response is over, however it ends.
        using var admission = await chat.AdmitAsync(HttpContext, User.Id(), scenario, streamed);
        if (admission is null) return;

        var completion = Completion.Of(ReplyComposer.ForModel(model.Id, prompt), req.MaxTokens!.Value,
            req.StopSequences?.Select(s => s!).ToList() ?? []);
        MessageDoc? userMessage = null;
        if (thread is not null && (userMessage = await chat.PostAsync(thread, User.Id(), User.Username(), prompt)) is null)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, Features.NotFound.Conversation, ct);
            return;
        }
        var exchange = new Exchange(thread, userMessage, [Responder.Model(model.Id, model.Name, completion.Reply)], scenario);

        if (streamed)
            await EventStreamWriter.WriteAsync(HttpContext, Frames(exchange, req, completion));
        else
            await SendMessageAsync(exchange, req, completion, ct);
    }

    async Task SendMessageAsync(Exchange exchange, Request req, Completion completion, CancellationToken ct)
    {
        var outcome = await chat.ReplyAsync(exchange, ct);
        switch (outcome.Result)
        {
            case SendResult.Answered:
                var reply = outcome.Replies[0];
                await Send.OkAsync(Message(reply, req, reply.Content, completion), ct);
                break;
            case SendResult.Failed:
                await HttpContext.SendErrorAsync(AnthropicErrors.Overloaded, outcome.Error!, ct);
                break;
            case SendResult.ThreadGone:
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, Features.NotFound.Conversation, ct);
                break;
            case SendResult.Interrupted:
                break; // the client left; the core recorded it
        }
    }

    /// <summary>
    /// The exchange in Anthropic's frames. The fake model's attempts come before the reply
    /// starts: failing them all is one <c>error</c> event (overloaded_error, as Anthropic
    /// reports overload mid-stream); the conversation deleted while the reply streams, an
    /// <c>error</c> event (not_found_error) after the deltas.
    /// </summary>
    async IAsyncEnumerable<SseEvent> Frames(Exchange exchange, Request req, Completion completion,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var started = false;
        await foreach (var e in chat.StreamAsync(exchange, ct))
        {
            switch (e)
            {
                case ExchangeEvent.ReplyStarted start:
                    started = true;
                    yield return StreamFrames.MessageStart(Message(start.Reply, req, null, null));
                    yield return StreamFrames.ContentBlockStart();
                    yield return StreamFrames.Ping();
                    break;
                case ExchangeEvent.ReplyChunk chunk:
                    yield return StreamFrames.TextDelta(chunk.Text);
                    break;
                case ExchangeEvent.ReplyEnded:
                    yield return StreamFrames.ContentBlockStop();
                    yield return StreamFrames.MessageDelta(completion);
                    yield return StreamFrames.MessageStop();
                    break;
                case ExchangeEvent.Failed failed:
                    yield return StreamFrames.Error(AnthropicErrors.Of(started ? StatusCodes.Status404NotFound : AnthropicErrors.Overloaded, failed.Error));
                    break;
            }
        }
    }

    /// <summary>The reply as Anthropic's message, with <paramref name="text"/>; without text, as
    /// message_start announces it: no content, no stop reason, no output yet. Its id is the
    /// reply's message id (<c>msg_</c> and the id without dashes), stored or not.</summary>
    static AnthropicMessage Message(MessageDoc reply, Request req, string? text, Completion? completion) => new(
        "msg_" + reply.Id.Replace("-", ""),
        req.Model!,
        text is null ? [] : [new AnthropicTextBlock(text)],
        completion?.StopReason,
        completion?.StopSequence,
        new AnthropicUsage(Completion.InputTokens(req.InputTexts()), completion?.OutputTokens ?? 0));
}
