using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.List;

sealed class Endpoint(ChatDb db) : Endpoint<Request, PagedEnvelope<GroupDto>>
{
    public override void Configure()
    {
        Get("/api/group-conversations");
        Group<Area>();
        Summary(s => s.Summary = "The user's group conversations, most recently updated first");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var page = req.ToPage(Request.DefaultLimit);
        var (groups, total) = await Data.PageAsync(db, User.Id(), page);
        await Send.OkAsync(Envelope.Page(GroupDto.From(db, groups), page, total), ct);
    }
}
