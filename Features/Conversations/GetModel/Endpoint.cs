using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations.GetModel;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Get("/api/conversations/{id}/model");
        Summary(s => s.Summary = "The model a conversation talks to");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (Data.Find(db, req.Id, User.Id()) is not { } conversation)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(ConversationDto.ModelOf(conversation))), ct);
    }
}
