using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Messages.Send;

sealed class Endpoint : ExchangeEndpoint<Envelope<Response>>
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages");
        Group<Area>();
        // Checked in this order, all before anything is stored: ownership (404), then the
        // body and the X-Fake-Scenario header (400), then a rate-limit scenario (429).
        DontThrowIfValidationFails();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            s.Summary = "Post a message and get the model's reply";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.Response<Envelope<Response>>(StatusCodes.Status201Created);
            s.Response<FailureEnvelope<FailedReply>>(StatusCodes.Status202Accepted,
                "The user message was stored but the AI failed after its retries");
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    protected override bool Streamed => false;

    protected override string NotFoundError => Features.NotFound.Conversation;

    protected override Audience? Find(ChatDb db, string id, string userId) => ConversationThread.Find(db, Resolve<ModelCatalog>(), id, userId);

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
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFoundError, ct);
                break;
        }
    }
}
