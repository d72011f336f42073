using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups.Messages.Send;

sealed class Endpoint : ExchangeEndpoint<Envelope<Response>>
{
    public override void Configure()
    {
        Post("/api/group-conversations/{id}/messages");
        Group<Area>();
        // Checked in this order, all before anything is stored: ownership (404), then the
        // body and the X-Fake-Scenario header (400), then a rate-limit scenario (429).
        DontThrowIfValidationFails();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            s.Summary = "Post a message to a group and get every bot's reply, in bot-id order";
            s.ExampleRequest = new NewMessageRequest { Content = "大家好！" };
            s.Response<Envelope<Response>>(StatusCodes.Status201Created);
            s.Response<FailureEnvelope<Response>>(StatusCodes.Status202Accepted,
                "The user message was stored but a bot failed after its retries; later bots did not answer");
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    protected override bool Streamed => false;

    protected override string NotFoundError => Features.NotFound.Group;

    protected override Audience? Find(ChatDb db, string id, string userId) => GroupThread.Find(db, id, userId);

    /// <summary>Every bot's reply in one answer; a bot failing leaves the replies before it.</summary>
    protected override async Task AnswerAsync(ChatExchange chat, Exchange exchange, CancellationToken ct)
    {
        var outcome = await chat.ReplyAsync(exchange, ct);
        var response = new Response(MessageDto.From(exchange.UserMessage!), outcome.Replies.Select(MessageDto.From).ToList());
        switch (outcome.Result)
        {
            case SendResult.Answered:
                await Send.ResponseAsync(Envelope.Of(response), StatusCodes.Status201Created, ct);
                break;
            case SendResult.Failed:
                await Send.ResultAsync(TypedResults.Json(new FailureEnvelope<Response> { Error = outcome.Error!, Data = response },
                    statusCode: StatusCodes.Status202Accepted));
                break;
            case SendResult.ThreadGone:
                await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFoundError, ct);
                break;
        }
    }
}
