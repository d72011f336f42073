using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.GetModel;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Get("/api/conversations/{id}/model");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "The model a conversation talks to";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (Data.Find(db, req.Id, User.Id()) is not { } conversation)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(ConversationDto.ModelOf(conversation))), ct);
    }
}
