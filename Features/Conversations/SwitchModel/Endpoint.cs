using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.SwitchModel;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Put("/api/conversations/{id}/model");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Switch the model a conversation talks to";
            s.ExampleRequest = new Request { ModelId = "claude-3-opus" };
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await Data.SwitchModelAsync(db, clock, req.Id, User.Id(), req.ModelId!))
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(req.ModelId!)), ct);
    }
}
