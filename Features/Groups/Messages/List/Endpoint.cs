using ChatFake.Features.Messages;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.Messages.List;

sealed class Endpoint(ChatDb db) : Endpoint<Request, PagedEnvelope<MessageDto>>
{
    public override void Configure()
    {
        Get("/api/group-conversations/{id}/messages");
        Summary(s => s.Summary = "A group conversation's messages, oldest first");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (Data.CountOwned(db, req.Id, User.Id()) is not { } total)
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Group conversation not found", ct);
            return;
        }
        var page = req.ToPage(PageRequest.MessagesPerPage);
        var messages = Paging.Messages(db, req.Id, total, page);
        await Send.OkAsync(Envelope.Page(messages.Select(MessageDto.From).ToList(), page, total), ct);
    }
}
