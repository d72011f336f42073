using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations.List;

sealed class Endpoint(ChatDb db) : Endpoint<Request, PagedEnvelope<ConversationDto>>
{
    public override void Configure()
    {
        Get("/api/conversations");
        Group<Area>();
        Summary(s => s.Summary = "Your conversations, newest updated_at first, optionally only those with a tag");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var page = req.ToPage(Request.DefaultLimit);
        var (items, total) = string.IsNullOrEmpty(req.Tag)
            ? await Data.PageAsync(db, User.Id(), page)
            : await Data.PageTaggedAsync(db, User.Id(), req.Tag, page);
        await Send.OkAsync(Envelope.Page(items.Select(ConversationDto.From).ToList(), page, total), ct);
    }
}
