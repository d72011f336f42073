using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups.Messages.List;

sealed class Endpoint(ChatDb db) : Endpoint<Request, PagedEnvelope<MessageDto>>
{
    public override void Configure()
    {
        Get("/api/group-conversations/{id}/messages");
        Group<Area>();
        // Not found comes before a bad page number, as on every group route.
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "A group conversation's messages, oldest first";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (Data.CountOwned(db, req.Id, User.Id()) is not { } total)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Group, ct);
            return;
        }
        if (ValidationFailed)
        {
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }
        var page = req.ToPage(Request.DefaultLimit);
        var messages = Paging.Messages(db, req.Id, total, page);
        await Send.OkAsync(Envelope.Page(messages.Select(MessageDto.From).ToList(), page, total), ct);
    }
}
