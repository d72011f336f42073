using System.Runtime.CompilerServices;
using System.Text;
using ChatFake.Features.Messages;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Groups.Messages.Stream;

sealed class Endpoint(ChatDb db, Clock clock, FakeAi ai, ScriptedReplies replies, StreamSlots slots) : Endpoint<NewMessageRequest>
{
    public override void Configure()
    {
        Post("/api/group-conversations/{id}/messages/stream");
        // As the plain send: 404, then 400; then 429 beyond MAX_STREAMS_PER_USER; all as JSON,
        // before the stream starts or anything is stored.
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message to a group and stream every bot's reply in turn (text/event-stream)";
            s.ExampleRequest = new NewMessageRequest { Content = "大家好！" };
            s.Responses[200] = "Server-sent events: userMessage; per bot in id order aiMessageStart, aiMessageChunk..., aiMessageEnd; done. " +
                               "A bot failing after its retries ends the stream with an error event instead";
            s.Responses[429] = "The user already has MAX_STREAMS_PER_USER streams open (nothing stored)";
        });
    }

    public override async Task HandleAsync(NewMessageRequest req, CancellationToken ct)
    {
        if (GroupThread.FindOwned(db, req.Id, User.Id()) is not { } group)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, GroupThread.NotFound, ct);
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

        var userMessage = GroupThread.UserMessage(group, User.Id(), User.Username(), req.TrimmedContent(), clock.Now());
        if (!GroupThread.Append(db, group, userMessage))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, GroupThread.NotFound, ct);
            return;
        }
        await EventStreamWriter.WriteAsync(HttpContext, Events(group, userMessage, script, scenario));
    }

    /// <summary>
    /// The stream of one exchange: the user message, then each bot's reply in turn. Each
    /// statement after a <c>yield return</c> runs only once that event was written and flushed;
    /// when the client leaves, the writer stops asking for events, no later bot starts, and the
    /// finally block records what the client got.
    /// </summary>
    async IAsyncEnumerable<SseEvent> Events(GroupDoc group, MessageDoc userMessage, string? script, Scenario scenario,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var bots = BotReplyRule.TriggersBotReplies(userMessage) ? GroupThread.BotsOf(db, group) : [];
        MessageDoc? streaming = null;   // the bot reply whose chunks are going out, not yet stored
        var sent = new StringBuilder(); // its chunks written so far
        var settled = false;            // every reply is stored, or the failure is recorded
        try
        {
            yield return StreamEvents.UserMessage(MessageDto.From(userMessage));

            for (var i = 0; i < bots.Count; i++)
            {
                var bot = bots[i];
                var turn = replies.ForBot(bot.Id, userMessage.Content, script, scenario);
                var call = await ai.CallAsync(turn.Scenario, DelayRange.BeforeStream, ct);
                if (!call.Succeeded)
                {
                    var error = GroupThread.FailureOf(bot, call.Error!);
                    GroupThread.MarkFailed(db, userMessage, error);
                    settled = true;
                    yield return StreamEvents.Error(error);
                    yield break;
                }

                streaming = GroupThread.BotMessage(group, bot, "", clock.Now());
                sent.Clear();
                yield return StreamEvents.Start(streaming.Id, streaming.CreatedAt, bot.Name);

                await foreach (var chunk in ai.StreamAsync(turn.Reply, turn.Scenario, DelayRange.BetweenGroupChunks, ct))
                {
                    yield return StreamEvents.Chunk(streaming.Id, chunk, bot.Name);
                    sent.Append(chunk);
                }

                var botMessage = streaming;
                botMessage.Content = sent.ToString();
                streaming = null;
                if (!GroupThread.Append(db, group, botMessage))
                {
                    settled = true;
                    yield return StreamEvents.Error($"{GroupThread.NotFound}: it was deleted while the replies were streaming");
                    yield break;
                }
                // Once the last bot's reply is stored, a client leaving loses nothing.
                settled = i == bots.Count - 1;
                yield return StreamEvents.End(botMessage.Id, botMessage.Content, bot.Name);
            }

            settled = true;
            yield return StreamEvents.Done();
        }
        finally
        {
            // The client left (or the stream broke) before every bot answered. Finished replies
            // stay; the one being streamed keeps exactly what was sent, marked as interrupted;
            // if no chunk of it went out (the client left while a bot was "thinking"), the user
            // message carries the mark instead. No cancellation token here: the request's has fired.
            if (!settled && streaming is not null && sent.Length > 0)
            {
                streaming.Content = sent.ToString();
                streaming.AiError = 1;
                streaming.ErrorMessage = GroupThread.Interrupted;
                GroupThread.Append(db, group, streaming);
            }
            else if (!settled)
            {
                GroupThread.MarkFailed(db, userMessage, GroupThread.Interrupted);
            }
        }
    }
}
