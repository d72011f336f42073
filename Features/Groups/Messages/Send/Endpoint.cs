using ChatFake.Features.Messages;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.Messages.Send;

sealed class Endpoint(ChatDb db, Clock clock, FakeAi ai, ScriptedReplies replies) : Endpoint<NewMessageRequest, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/api/group-conversations/{id}/messages");
        // Checked in this order, all before anything is stored: ownership (404), then the
        // body and the X-Fake-Scenario and X-Fake-Reply headers (400).
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message to a group and get every bot's reply, in bot-id order";
            s.ExampleRequest = new NewMessageRequest { Content = "大家好！" };
            s.Response<FailureEnvelope<Response>>(StatusCodes.Status202Accepted,
                "The user message was stored but a bot failed after its retries; later bots did not answer");
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

        var content = req.TrimmedContent();
        var userMessage = GroupThread.UserMessage(group, User.Id(), User.Username(), content, clock.Now());
        if (!GroupThread.Append(db, group, userMessage))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, GroupThread.NotFound, ct);
            return;
        }

        var botMessages = new List<MessageDoc>();
        var bots = BotReplyRule.TriggersBotReplies(userMessage) ? GroupThread.BotsOf(db, group) : [];
        foreach (var bot in bots)
        {
            var turn = replies.ForBot(bot.Id, content, script, scenario);
            AiCallResult call;
            try
            {
                call = await ai.CallAsync(turn.Scenario, DelayRange.BeforeBotReply, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client left while a bot was "thinking": the replies so far stay, the
                // remaining bots do not answer.
                GroupThread.MarkFailed(db, userMessage, GroupThread.Interrupted);
                return;
            }

            if (!call.Succeeded)
            {
                var error = GroupThread.FailureOf(bot, call.Error!);
                GroupThread.MarkFailed(db, userMessage, error);
                await Send.ResultAsync(TypedResults.Json(
                    new FailureEnvelope<Response> { Error = error, Data = ResponseOf(userMessage, botMessages) },
                    statusCode: StatusCodes.Status202Accepted));
                return;
            }

            var botMessage = GroupThread.BotMessage(group, bot, turn.Reply.Text, clock.Now());
            if (!GroupThread.Append(db, group, botMessage))
            {
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, GroupThread.NotFound, ct);
                return;
            }
            botMessages.Add(botMessage);
        }

        await Send.ResponseAsync(Envelope.Of(ResponseOf(userMessage, botMessages)), StatusCodes.Status201Created, ct);
    }

    static Response ResponseOf(MessageDoc userMessage, List<MessageDoc> botMessages) =>
        new(MessageDto.From(userMessage), botMessages.Select(MessageDto.From).ToList());
}
