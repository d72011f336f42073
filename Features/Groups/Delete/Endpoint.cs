using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups.Delete;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Delete("/api/group-conversations/{id}");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Delete a group conversation and its messages";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await Data.DeleteAsync(db, req.Id, User.Id()))
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Group, ct);
        else
            await Send.OkAsync(Envelope.Of(new Response(req.Id)), ct);
    }
}
