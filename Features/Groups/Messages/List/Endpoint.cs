using ChatFake.Features.Messages;
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
        Summary(s =>
        {
            s.Summary = "A group conversation's messages, oldest first";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!Data.IsOwnGroup(db, req.Id, User.Id()))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, "Group conversation not found", ct);
            return;
        }
        var page = req.ToPage(Request.DefaultLimit);
        var (messages, total) = Data.Page(db, req.Id, page);
        await Send.OkAsync(Envelope.Page(messages.Select(MessageDto.From).ToList(), page, total), ct);
    }
}
