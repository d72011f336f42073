using System.Runtime.CompilerServices;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.Chat;

/// <summary>A thread the user may post to, and who answers a message there, in order.</summary>
/// <remarks><see cref="RespondersTo"/> gets the user's content and the request's script, which decides each reply.</remarks>
public sealed record Audience(ChatThread Thread, Func<string, ReplyScript, IReadOnlyList<Responder>> RespondersTo);

/// <summary>
/// What every native route that posts a user message does, in this order, all before anything
/// is stored: find the thread, ownership in the query (404); check the body and the
/// X-Fake-Scenario and X-Fake-Reply headers (400); pick the responders and their replies; admit (429). Then it stores the user message and leaves the
/// answer to the route.
/// </summary>
public abstract class ExchangeEndpoint<TResponse> : Endpoint<NewMessageRequest, TResponse>
{
    /// <summary>A stream holds one of the user's stream slots while it is open.</summary>
    protected abstract bool Streamed { get; }

    protected abstract string NotFoundError { get; }

    /// <summary>The thread, if it exists and belongs to <paramref name="userId"/>.</summary>
    protected abstract Audience? Find(ChatDb db, string id, string userId);

    /// <summary>Answers the request once the user message is stored.</summary>
    protected abstract Task AnswerAsync(ChatExchange chat, Exchange exchange, CancellationToken ct);

    public sealed override async Task HandleAsync(NewMessageRequest req, CancellationToken ct)
    {
        var chat = Resolve<ChatExchange>();
        if (Find(Resolve<ChatDb>(), req.Id, User.Id()) is not { } audience)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFoundError, ct);
            return;
        }
        var scenario = Scenarios.Read(HttpContext.Request, ValidationFailures);
        var scripted = ScriptedReplies.Read(HttpContext.Request, ValidationFailures);
        if (ValidationFailed)
        {
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }
        var content = req.TrimmedContent();
        var script = Resolve<ScriptedReplies>().For(scripted, scenario);
        var responders = audience.RespondersTo(content, script);
        // Held until the response is over, however it ends.
        using var admission = await chat.AdmitAsync(HttpContext, User.Id(), script.Scenario, Streamed);
        if (admission is null) return;

        if (await chat.PostAsync(audience.Thread, User.Id(), User.Username(), content) is not { } userMessage)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFoundError, ct);
            return;
        }
        await AnswerAsync(chat, new Exchange(audience.Thread, userMessage, responders, script.Scenario), ct);
    }
}

/// <summary>A native stream route: the exchange as server-sent events, through the one SSE writer.</summary>
public abstract class StreamEndpoint : ExchangeEndpoint<object>
{
    protected sealed override bool Streamed => true;

    /// <summary>Whether every reply event names its sender (<c>sender_name</c>).</summary>
    protected abstract bool NamesSenders { get; }

    protected sealed override Task AnswerAsync(ChatExchange chat, Exchange exchange, CancellationToken ct) =>
        EventStreamWriter.WriteAsync(HttpContext, NativeFrames(chat, exchange));

    // The writer's token (the request aborting) reaches the exchange through here.
    async IAsyncEnumerable<SseEvent> NativeFrames(ChatExchange chat, Exchange exchange, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in chat.StreamAsync(exchange, ct)) yield return StreamEvents.Of(e, NamesSenders);
    }
}
