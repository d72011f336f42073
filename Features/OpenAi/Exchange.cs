using ChatFake.FakeModel;
using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi;

/// <summary>
/// How the <c>/v1</c> routes run their exchange on the exchange core: the requested model answers
/// the last user message with its precomposed (possibly cut) reply. Stateless by default; with
/// <see cref="ConversationHeader"/> the exchange is stored in that conversation of the caller as
/// a native send stores it. Failures before the reply are HTTP errors in OpenAI's shape: a
/// stream's headers go out only once the model's call succeeded.
/// </summary>
static class OpenAiExchange
{
    /// <summary>Names a conversation of the caller to store the exchange in (optional).</summary>
    public const string ConversationHeader = "X-ChatFake-Conversation";

    /// <summary>
    /// The checks after the body's (the conversation, the rate_limit scenarios, the stream cap),
    /// then the user message stored when there is a conversation. Null when the request was
    /// answered with an error; else the exchange, and the admission to hold until the response is over.
    /// </summary>
    public static async Task<(Chat.Exchange Exchange, IDisposable Admission)?> OpenAsync(HttpContext http, ChatDb db, ChatExchange chat,
        ModelDoc model, Reply reply, Scenario scenario, string text, string textField, bool stream)
    {
        ChatThread? thread = null;
        string? id = http.Request.Headers[ConversationHeader];
        if (!string.IsNullOrWhiteSpace(id))
        {
            if (db.ConversationOf(id.Trim(), http.User.Id()) is not { } conversation)
            {
                await http.SendOpenAiErrorAsync(StatusCodes.Status404NotFound, ConversationNotFound(), http.RequestAborted);
                return null;
            }
            if (text.Length is < 1 or > NewMessageValidator.MaxContentLength)
            {
                await http.SendOpenAiErrorAsync(StatusCodes.Status400BadRequest, OpenAiError.Of(StatusCodes.Status400BadRequest,
                    $"The last user message must be 1 to {NewMessageValidator.MaxContentLength} characters to be stored in a conversation", textField), http.RequestAborted);
                return null;
            }
            thread = ChatThread.Of(db, conversation);
        }
        if (await chat.AdmitAsync(http, http.User.Id(), scenario, stream) is not { } admission) return null;
        MessageDoc? userMessage = null;
        if (thread is not null && (userMessage = await chat.PostAsync(thread, http.User.Id(), http.User.Username(), text)) is null)
        {
            admission.Dispose();
            await http.SendOpenAiErrorAsync(StatusCodes.Status404NotFound, ConversationNotFound(), http.RequestAborted);
            return null;
        }
        return (new Chat.Exchange(thread, userMessage, [Responder.Model(model.Id, model.Name, reply)], scenario), admission);
    }

    /// <summary>The whole reply; false when an error was answered instead (or the client left).</summary>
    public static async Task<bool> ReplyAsync(HttpContext http, ChatExchange chat, Chat.Exchange exchange, CancellationToken ct)
    {
        var outcome = await chat.ReplyAsync(exchange, ct);
        switch (outcome.Result)
        {
            case SendResult.Answered:
                return true;
            case SendResult.Failed:
                await SendFailureAsync(http, exchange.Scenario, outcome.Error!);
                return false;
            case SendResult.ThreadGone:
                await http.SendOpenAiErrorAsync(StatusCodes.Status404NotFound, ConversationNotFound(), ct);
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// The stream's events up to its reply's start; null when the model's call failed (the error
    /// was answered). The caller enumerates the rest (chunks, end or failure, done) and disposes it.
    /// </summary>
    public static async Task<IAsyncEnumerator<ExchangeEvent>?> StartAsync(HttpContext http, ChatExchange chat, Chat.Exchange exchange)
    {
        var events = chat.StreamAsync(exchange, http.RequestAborted).GetAsyncEnumerator(http.RequestAborted);
        while (await events.MoveNextAsync())
        {
            switch (events.Current)
            {
                case ExchangeEvent.ReplyStarted:
                    return events;
                case ExchangeEvent.Failed failed:
                    await events.DisposeAsync();
                    await SendFailureAsync(http, exchange.Scenario, failed.Error);
                    return null;
            }
        }
        await events.DisposeAsync();
        return null;
    }

    /// <summary>504 after the timeout scenario, 500 for every other failure of the model.</summary>
    static Task SendFailureAsync(HttpContext http, Scenario scenario, string error)
    {
        var status = scenario == Scenario.Timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError;
        return http.SendOpenAiErrorAsync(status, OpenAiError.Of(status, error), http.RequestAborted);
    }

    static OpenAiError ConversationNotFound() =>
        OpenAiError.Of(StatusCodes.Status404NotFound, "Conversation not found", ConversationHeader);
}
