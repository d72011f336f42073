using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups.Get;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<GroupDto>>
{
    public override void Configure()
    {
        Get("/api/group-conversations/{id}");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "One of the user's group conversations";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        // Another user's group answers exactly like a missing one.
        if (Data.Find(db, req.Id, User.Id()) is not { } group)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Group, ct);
        else
            await Send.OkAsync(Envelope.Of(GroupDto.From(db, group)), ct);
    }
}
