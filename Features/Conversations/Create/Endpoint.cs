using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations.Create;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<ConversationDto>>
{
    public override void Configure()
    {
        Post("/api/conversations");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Start a conversation (default title and model when not given)";
            s.ExampleRequest = new Request { Title = "我的新对话", ModelId = "gpt-4-turbo" };
            s.Response<Envelope<ConversationDto>>(StatusCodes.Status201Created);
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var now = clock.Now();
        var conversation = new ConversationDoc
        {
            Id = Guid.NewGuid().ToString(),
            UserId = User.Id(),
            Title = req.Title?.Trim() ?? ConversationDto.DefaultTitle,
            // Stored explicitly, so that model_id is never null on the wire.
            ModelId = req.ModelId ?? ConversationDto.DefaultModelId,
            CreatedAt = now,
        };
        conversation.Touch(now);
        await Data.InsertAsync(db, conversation);
        await Send.ResponseAsync(Envelope.Of(ConversationDto.From(conversation)), StatusCodes.Status201Created, ct);
    }
}
