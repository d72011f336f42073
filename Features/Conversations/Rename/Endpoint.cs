using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.Rename;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<ConversationDto>>
{
    public override void Configure()
    {
        Patch("/api/conversations/{id}");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Rename a conversation";
            s.ExampleRequest = new Request { Title = "新标题" };
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (await Data.RenameAsync(db, clock, req.Id, User.Id(), req.Title!.Trim()) is not { } conversation)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(ConversationDto.From(conversation)), ct);
    }
}
