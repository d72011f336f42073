using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations.SwitchModel;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Put("/api/conversations/{id}/model");
        Summary(s =>
        {
            s.Summary = "Switch the model a conversation talks to";
            s.ExampleRequest = new Request { ModelId = "claude-3-opus" };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!Data.SwitchModel(db, clock, req.Id, User.Id(), req.ModelId!))
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(req.ModelId!)), ct);
    }
}
