using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.Get;

sealed class Endpoint(ChatDb db) : Endpoint<Request, Envelope<ConversationDto>>
{
    public override void Configure()
    {
        Get("/api/conversations/{id}");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "One of your conversations";
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        // Not yours looks exactly like not there.
        if (Data.Find(db, req.Id, User.Id()) is not { } conversation)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(ConversationDto.From(conversation)), ct);
    }
}
