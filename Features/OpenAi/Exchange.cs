using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using ChatFake.FakeModel;
using ChatFake.Features.Messages;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi;

/// <summary>
/// One exchange of a <c>/v1</c> route with the fake model: its call before the reply (latency,
/// scenarios, retries) and the paced chunks of the reply, exactly as the native routes do. Stateless
/// by default; with <see cref="ConversationHeader"/> the user message and the reply are stored in
/// that conversation of the caller as a native send stores them (a failure marks the user message,
/// a client that leaves mid-stream leaves the part it received, marked interrupted).
/// </summary>
sealed class Exchange
{
    /// <summary>Names a conversation of the caller to store the exchange in (optional).</summary>
    public const string ConversationHeader = "X-ChatFake-Conversation";
    public const string ConversationGone = "Conversation not found: it was deleted while the reply was streaming";

    readonly ChatDb db;
    readonly Clock clock;
    readonly FakeAi ai;
    readonly Scenario scenario;
    readonly ConversationDoc? conversation;
    readonly ModelDoc model;
    readonly ClaimsPrincipal user;
    MessageDoc? userMessage;

    Exchange(ChatDb db, Clock clock, FakeAi ai, Scenario scenario, ConversationDoc? conversation, ModelDoc model, ClaimsPrincipal user)
    {
        (this.db, this.clock, this.ai, this.scenario, this.conversation, this.model, this.user) = (db, clock, ai, scenario, conversation, model, user);
    }

    /// <summary>Set when the reply could not be stored: the conversation was deleted meanwhile.</summary>
    public string? Lost { get; private set; }

    /// <summary>
    /// The exchange a request asks for: stateless, or in the caller's conversation that the header
    /// names. Null with the error to answer when that conversation is not the caller's, or the text
    /// cannot be stored (the native routes' 1 to 8000 characters).
    /// </summary>
    public static (Exchange? Exchange, int Status, OpenAiError? Error) Open(HttpContext http, ChatDb db, Clock clock, FakeAi ai,
        Scenario scenario, ModelDoc model, string? id, string text, string textField)
    {
        if (string.IsNullOrWhiteSpace(id)) return (new Exchange(db, clock, ai, scenario, null, model, http.User), 0, null);
        if (ConversationThread.FindOwned(db, id.Trim(), http.User.Id()) is not { } conversation)
            return (null, StatusCodes.Status404NotFound, OpenAiError.Of(StatusCodes.Status404NotFound, "Conversation not found", ConversationHeader));
        if (text.Length is < 1 or > NewMessageValidator.MaxContentLength)
            return (null, StatusCodes.Status400BadRequest, OpenAiError.Of(StatusCodes.Status400BadRequest,
                $"The last user message must be 1 to {NewMessageValidator.MaxContentLength} characters to be stored in a conversation", textField));
        return (new Exchange(db, clock, ai, scenario, conversation, model, http.User), 0, null);
    }

    /// <summary>
    /// Stores the user message (with a conversation), then calls the model: null when it
    /// succeeded, else the error to answer with (504 after the timeout scenario, 500 for every
    /// other failure), the user message then marked with it.
    /// </summary>
    public async Task<(int Status, OpenAiError Error)?> CallAsync(string text, bool streamed, CancellationToken ct)
    {
        if (conversation is not null)
        {
            var message = ConversationThread.UserMessage(conversation, user.Id(), user.Username(), text, clock.Now());
            if (!ConversationThread.Append(db, conversation, message))
                return (StatusCodes.Status404NotFound, OpenAiError.Of(StatusCodes.Status404NotFound, "Conversation not found", ConversationHeader));
            userMessage = message;
        }
        AiCallResult call;
        try
        {
            call = await ai.CallAsync(scenario, streamed ? DelayRange.BeforeStream : DelayRange.BeforeReply, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Mark(ConversationThread.Interrupted);
            throw;
        }
        if (call.Succeeded) return null;
        Mark(call.Error!);
        var status = scenario == Scenario.Timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError;
        return (status, OpenAiError.Of(status, call.Error!));
    }

    /// <summary>The whole reply at once (not streamed): stored with a conversation.</summary>
    public void Replied(Reply reply)
    {
        if (conversation is not null) Store(reply.Text, interrupted: false);
    }

    /// <summary>
    /// The chunks of the reply as the model paces them. Each statement after the <c>yield</c> runs
    /// once the caller asks for the next chunk, that is once this one was sent; when the client
    /// leaves, the finally block stores what it got.
    /// </summary>
    public async IAsyncEnumerable<string> ChunksAsync(Reply reply, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var sent = new StringBuilder();
        var ended = false;
        try
        {
            await foreach (var chunk in ai.StreamAsync(reply, scenario, DelayRange.BetweenChunks, ct))
            {
                yield return chunk;
                sent.Append(chunk);
            }
            ended = true;
            if (conversation is not null) Store(sent.ToString(), interrupted: false);
        }
        finally
        {
            if (!ended && conversation is not null)
            {
                if (sent.Length == 0) Mark(ConversationThread.Interrupted);
                else Store(sent.ToString(), interrupted: true);
            }
        }
    }

    void Store(string content, bool interrupted)
    {
        var message = ConversationThread.ModelMessage(conversation!, (model.Id, model.Name), content, clock.Now());
        if (interrupted)
        {
            message.AiError = 1;
            message.ErrorMessage = ConversationThread.Interrupted;
        }
        if (!ConversationThread.Append(db, conversation!, message)) Lost = ConversationGone;
    }

    void Mark(string error)
    {
        if (userMessage is not null) ConversationThread.MarkFailed(db, userMessage, error);
    }
}
