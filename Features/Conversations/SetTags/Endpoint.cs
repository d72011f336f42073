using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.SetTags;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<ConversationDto>>
{
    public override void Configure()
    {
        Patch("/api/conversations/{id}/tags");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Replace the tags of a conversation";
            s.ExampleRequest = new Request { Tags = ["工作", "学习"] };
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (await Data.ReplaceTagsAsync(db, clock, req.Id, User.Id(), req.DistinctTags()) is not { } conversation)
            await HttpContext.SendErrorAsync(StatusCodes.Status404NotFound, NotFound.Conversation, ct);
        else
            await Send.OkAsync(Envelope.Of(ConversationDto.From(conversation)), ct);
    }
}
