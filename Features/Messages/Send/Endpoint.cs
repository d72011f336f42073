using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Messages.Send;

sealed class Endpoint(ChatDb db, Clock clock, FakeAi ai, ScriptedReplies replies) : Endpoint<NewMessageRequest, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages");
        // Checked in this order, all before anything is stored: ownership (404), then the
        // body and the X-Fake-Scenario and X-Fake-Reply headers (400).
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message and get the model's reply";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.Response<FailureEnvelope<FailedReply>>(StatusCodes.Status202Accepted,
                "The user message was stored but the AI failed after its retries");
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

        var content = req.TrimmedContent();
        var model = ConversationThread.ModelOf(db, conversation);
        var turn = replies.ForModel(model.Id, content, script, scenario);
        var userMessage = ConversationThread.UserMessage(conversation, User.Id(), User.Username(), content, clock.Now());
        if (!ConversationThread.Append(db, conversation, userMessage))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Conversation not found", ct);
            return;
        }

        AiCallResult call;
        try
        {
            call = await ai.CallAsync(turn.Scenario, DelayRange.BeforeReply, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left while the model was "thinking": nobody will read the reply.
            ConversationThread.MarkFailed(db, userMessage, ConversationThread.Interrupted);
            return;
        }

        if (!call.Succeeded)
        {
            ConversationThread.MarkFailed(db, userMessage, call.Error!);
            await Send.ResultAsync(TypedResults.Json(
                new FailureEnvelope<FailedReply> { Error = call.Error!, Data = new(MessageDto.From(userMessage)) },
                statusCode: StatusCodes.Status202Accepted));
            return;
        }

        var aiMessage = ConversationThread.ModelMessage(conversation, model, turn.Reply.Text, clock.Now());
        if (!ConversationThread.Append(db, conversation, aiMessage))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Conversation not found", ct);
            return;
        }
        await Send.ResponseAsync(Envelope.Of(new Response(MessageDto.From(userMessage), MessageDto.From(aiMessage))),
            StatusCodes.Status201Created, ct);
    }
}
