using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Messages.Send;

sealed class Endpoint : ExchangeEndpoint<Envelope<Response>>
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages");
        // Checked in this order, all before anything is stored: ownership (404), then the
        // body and the X-Fake-Scenario header (400), then a rate-limit scenario (429).
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message and get the model's reply";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.Response<FailureEnvelope<FailedReply>>(StatusCodes.Status202Accepted,
                "The user message was stored but the AI failed after its retries");
        });
    }

    protected override bool Streamed => false;

    protected override string NotFound => ChatThread.ConversationNotFound;

    protected override Audience? Find(ChatDb db, string id, string userId) => ConversationThread.Find(db, id, userId);

    protected override async Task AnswerAsync(ChatExchange chat, Exchange exchange, CancellationToken ct)
    {
        var outcome = await chat.ReplyAsync(exchange, ct);
        var userMessage = MessageDto.From(exchange.UserMessage!);
        switch (outcome.Result)
        {
            case SendResult.Answered:
                await Send.ResponseAsync(Envelope.Of(new Response(userMessage, MessageDto.From(outcome.Replies[0]))),
                    StatusCodes.Status201Created, ct);
                break;
            case SendResult.Failed:
                await Send.ResultAsync(TypedResults.Json(new FailureEnvelope<FailedReply> { Error = outcome.Error!, Data = new(userMessage) },
                    statusCode: StatusCodes.Status202Accepted));
                break;
            case SendResult.ThreadGone:
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound, ct);
                break;
        }
    }
}
