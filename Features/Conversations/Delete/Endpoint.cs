using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.Delete;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Delete("/api/conversations/{id}");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Delete a conversation with its messages and tags";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await Data.DeleteAsync(db, req.Id, User.Id()))
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(req.Id)), ct);
    }
}
