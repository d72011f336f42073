using System.Runtime.CompilerServices;
using System.Text;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Messages.Stream;

sealed class Endpoint(ChatDb db, Clock clock, FakeAi ai, ScriptedReplies replies, StreamSlots slots) : Endpoint<NewMessageRequest>
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages/stream");
        // As the plain send: 404, then 400; then 429 beyond MAX_STREAMS_PER_USER; all as JSON,
        // before the stream starts or anything is stored.
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message and stream the model's reply (text/event-stream)";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.Responses[200] = "Server-sent events: userMessage, aiMessageStart, aiMessageChunk..., aiMessageEnd, done; or userMessage, error";
            s.Responses[429] = "The user already has MAX_STREAMS_PER_USER streams open (nothing stored)";
        });
    }

    public override async Task HandleAsync(NewMessageRequest req, CancellationToken ct)
    {
        if (ConversationThread.FindOwned(db, req.Id, User.Id()) is not { } conversation)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Conversation not found", ct);
            return;
        }
        var scenario = Scenarios.Read(HttpContext.Request, ValidationFailures);
        var script = ScriptedReplies.Read(HttpContext.Request, ValidationFailures);
        if (ValidationFailed)
        {
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }
        // Held until the stream is over, however it ends.
        using var slot = slots.TryOpen(User.Id());
        if (slot is null)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status429TooManyRequests, slots.TooMany, ct);
            return;
        }

        var content = req.TrimmedContent();
        var userMessage = ConversationThread.UserMessage(conversation, User.Id(), User.Username(), content, clock.Now());
        if (!ConversationThread.Append(db, conversation, userMessage))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Conversation not found", ct);
            return;
        }
        await EventStreamWriter.WriteAsync(HttpContext, Events(conversation, userMessage, script, scenario));
    }

    /// <summary>
    /// The stream of one exchange. Each statement after a <c>yield return</c> runs only once
    /// that event was written and flushed; when the client leaves, the writer stops asking for
    /// events and the finally block records what the client got.
    /// </summary>
    async IAsyncEnumerable<SseEvent> Events(ConversationDoc conversation, MessageDoc userMessage, string? script, Scenario scenario,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var model = ConversationThread.ModelOf(db, conversation);
        var turn = replies.ForModel(model.Id, userMessage.Content, script, scenario);
        MessageDoc? aiMessage = null;
        var sent = new StringBuilder();
        var ended = false;
        try
        {
            yield return StreamEvents.UserMessage(MessageDto.From(userMessage));

            var call = await ai.CallAsync(turn.Scenario, DelayRange.BeforeStream, ct);
            if (!call.Succeeded)
            {
                ConversationThread.MarkFailed(db, userMessage, call.Error!);
                ended = true;
                yield return StreamEvents.Error(call.Error!);
                yield break;
            }

            aiMessage = ConversationThread.ModelMessage(conversation, model, "", clock.Now());
            yield return StreamEvents.Start(aiMessage.Id, aiMessage.CreatedAt);

            await foreach (var chunk in ai.StreamAsync(turn.Reply, turn.Scenario, DelayRange.BetweenChunks, ct))
            {
                yield return StreamEvents.Chunk(aiMessage.Id, chunk);
                sent.Append(chunk);
            }

            aiMessage.Content = sent.ToString();
            ended = true;
            if (!ConversationThread.Append(db, conversation, aiMessage))
            {
                yield return StreamEvents.Error("Conversation not found: it was deleted while the reply was streaming");
                yield break;
            }
            yield return StreamEvents.End(aiMessage.Id, aiMessage.Content);
            yield return StreamEvents.Done();
        }
        finally
        {
            // The client left (or the stream broke) before the reply ended: keep exactly what
            // was sent, marked as interrupted; if no chunk went out, only the user message is
            // marked. No cancellation token here: the request's has fired.
            if (!ended && sent.Length == 0)
            {
                ConversationThread.MarkFailed(db, userMessage, ConversationThread.Interrupted);
            }
            else if (!ended)
            {
                aiMessage!.Content = sent.ToString();
                aiMessage.AiError = 1;
                aiMessage.ErrorMessage = ConversationThread.Interrupted;
                ConversationThread.Append(db, conversation, aiMessage);
            }
        }
    }
}
