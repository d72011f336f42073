using System.Runtime.CompilerServices;
using System.Text;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Chat;

/// <summary>
/// One exchange: the user's message in its thread and who answers it, in order. Thread and
/// user message are null on a stateless protocol route: nothing is stored.
/// </summary>
public sealed record Exchange(ChatThread? Thread, MessageDoc? UserMessage, IReadOnlyList<Responder> Responders, Scenario Scenario);

/// <summary>What happens in a streamed exchange, in order; each caller turns these into its own wire frames.</summary>
public abstract record ExchangeEvent
{
    public sealed record UserMessage(MessageDoc Message) : ExchangeEvent;

    public sealed record ReplyStarted(Responder Responder, MessageDoc Reply) : ExchangeEvent;

    public sealed record ReplyChunk(Responder Responder, MessageDoc Reply, string Text) : ExchangeEvent;

    public sealed record ReplyEnded(Responder Responder, MessageDoc Reply) : ExchangeEvent;

    /// <summary>A responder failed after its retries, or the thread went away; the exchange ends.</summary>
    public sealed record Failed(string Error) : ExchangeEvent;

    public sealed record Done : ExchangeEvent;
}

public enum SendResult { Answered, Failed, ThreadGone, Interrupted }

/// <summary>How a send that is not streamed ended, with the replies stored before it did.</summary>
public sealed record SendOutcome(SendResult Result, IReadOnlyList<MessageDoc> Replies, string? Error);

/// <summary>
/// The exchange core: every route that makes the fake model speak (personal and group, sent
/// whole or streamed, native or through a provider's protocol) runs its exchange here, so the
/// attempts, the pacing, what is stored and how a failure or a client leaving is recorded are
/// the same everywhere.
/// </summary>
public sealed class ChatExchange(Clock clock, FakeAi ai, StreamSlots slots)
{
    /// <summary>
    /// The refusals every AI route makes after its own checks, before anything is stored: the
    /// rate-limit scenarios (429 with Retry-After), then, for a stream, MAX_STREAMS_PER_USER.
    /// Null when refused (the 429 is sent); else hold the admission until the response is over.
    /// </summary>
    public async Task<IDisposable?> AdmitAsync(HttpContext http, string userId, Scenario scenario, bool streamed)
    {
        if (ai.RateLimited(scenario, userId) is { } retryAfter)
        {
            var seconds = (int)retryAfter.TotalSeconds;
            http.Response.Headers.RetryAfter = seconds.ToString();
            await http.SendErrorAsync(StatusCodes.Status429TooManyRequests,
                $"Rate limit exceeded (simulated by {Scenarios.Header}): retry after {seconds} s", http.RequestAborted);
            return null;
        }
        if (!streamed) return NoSlot.Instance;
        if (slots.TryOpen(userId) is { } slot) return slot;
        await http.SendErrorAsync(StatusCodes.Status429TooManyRequests, slots.TooMany, http.RequestAborted);
        return null;
    }

    /// <summary>Stores the user's message in <paramref name="thread"/>; null when the thread was deleted meanwhile.</summary>
    public async Task<MessageDoc?> PostAsync(ChatThread thread, string userId, string username, string content)
    {
        var message = thread.NewMessage(userId, MessageDoc.User, username, content, null, clock.Now());
        return await thread.AppendAsync(message) ? message : null;
    }

    /// <summary>Each responder in turn answers with its whole reply, stored as it comes.</summary>
    public async Task<SendOutcome> ReplyAsync(Exchange exchange, CancellationToken ct)
    {
        var replies = new List<MessageDoc>();
        foreach (var responder in exchange.Responders)
        {
            AiCallResult call;
            try
            {
                call = await ai.CallAsync(exchange.Scenario, responder.Pacing.BeforeReply, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client left while a responder was "thinking": nobody will read the reply.
                // The replies so far stay; the later responders do not answer.
                await MarkUserMessageAsync(exchange, ChatThread.Interrupted);
                return new(SendResult.Interrupted, replies, null);
            }
            if (!call.Succeeded)
            {
                var error = responder.Failure(call.Error!);
                await MarkUserMessageAsync(exchange, error);
                return new(SendResult.Failed, replies, error);
            }
            var reply = NewReply(exchange, responder, responder.Reply.Text);
            if (!await StoreAsync(exchange, reply)) return new(SendResult.ThreadGone, replies, null);
            replies.Add(reply);
        }
        return new(SendResult.Answered, replies, null);
    }

    /// <summary>
    /// The streamed exchange. Each statement after a <c>yield return</c> runs only once the
    /// caller asks for the next event (the SSE writer does after it wrote and flushed one); when
    /// the client leaves, the writer stops asking, no later responder starts, and the finally
    /// block records what the client got. A pause of the responder's pace separates every two
    /// events, so none leaves right behind another.
    /// </summary>
    public async IAsyncEnumerable<ExchangeEvent> StreamAsync(Exchange exchange, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var scenario = exchange.Scenario;
        var pace = Pacing.Model.BetweenChunks;
        MessageDoc? streaming = null;   // the reply whose chunks are going out, not yet stored
        var sent = new StringBuilder(); // its chunks handed out so far
        var settled = false;            // every reply is stored, or the failure is recorded
        try
        {
            if (exchange.UserMessage is { } userMessage)
                yield return new ExchangeEvent.UserMessage(userMessage);

            for (var i = 0; i < exchange.Responders.Count; i++)
            {
                var responder = exchange.Responders[i];
                pace = responder.Pacing.BetweenChunks;
                var call = await ai.CallAsync(scenario, responder.Pacing.BeforeStream, ct);
                if (!call.Succeeded)
                {
                    var error = responder.Failure(call.Error!);
                    await MarkUserMessageAsync(exchange, error);
                    settled = true;
                    yield return new ExchangeEvent.Failed(error);
                    yield break;
                }

                streaming = NewReply(exchange, responder, "");
                sent.Clear();
                yield return new ExchangeEvent.ReplyStarted(responder, streaming);

                await foreach (var chunk in ai.StreamAsync(responder.Reply, scenario, pace, ct))
                {
                    // Counted before it is handed out: a chunk the client received is always
                    // stored, even when the connection breaks while it is being flushed.
                    sent.Append(chunk);
                    yield return new ExchangeEvent.ReplyChunk(responder, streaming, chunk);
                }
                await ai.PauseAsync(pace, scenario, ct);

                var reply = streaming;
                reply.Content = sent.ToString();
                streaming = null;
                if (!await StoreAsync(exchange, reply))
                {
                    settled = true;
                    yield return new ExchangeEvent.Failed($"{exchange.Thread!.NotFoundError}: it was deleted while the reply was streaming");
                    yield break;
                }
                // Once the last reply is stored, a client leaving loses nothing.
                settled = i == exchange.Responders.Count - 1;
                yield return new ExchangeEvent.ReplyEnded(responder, reply);
            }

            await ai.PauseAsync(pace, scenario, ct);
            settled = true;
            yield return new ExchangeEvent.Done();
        }
        finally
        {
            // The client left (or the stream broke) before every reply was stored. Finished
            // replies stay; the one being streamed keeps what was handed out, marked as
            // interrupted; if none of it went out, the user message carries the mark instead.
            if (!settled && streaming is not null && sent.Length > 0)
            {
                streaming.Content = sent.ToString();
                streaming.AiError = 1;
                streaming.ErrorMessage = ChatThread.Interrupted;
                await StoreAsync(exchange, streaming);
            }
            else if (!settled)
            {
                await MarkUserMessageAsync(exchange, ChatThread.Interrupted);
            }
        }
    }

    MessageDoc NewReply(Exchange exchange, Responder responder, string content)
    {
        var now = clock.Now();
        return exchange.Thread?.NewMessage(responder.Id, MessageDoc.Bot, responder.Name, content, responder.ModelId, now)
            ?? new MessageDoc
            {
                Id = Guid.NewGuid().ToString(), SenderId = responder.Id, SenderType = MessageDoc.Bot, SenderName = responder.Name,
                Content = content, ModelId = responder.ModelId, CreatedAt = now,
            };
    }

    static Task<bool> StoreAsync(Exchange exchange, MessageDoc reply) => exchange.Thread?.AppendAsync(reply) ?? Task.FromResult(true);

    static Task MarkUserMessageAsync(Exchange exchange, string error) =>
        exchange is { Thread: { } thread, UserMessage: { } message } ? thread.MarkFailedAsync(message, error) : Task.CompletedTask;

    sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();

        public void Dispose() { }
    }
}
