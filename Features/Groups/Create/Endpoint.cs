using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.Create;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<GroupDto>>
{
    public override void Configure()
    {
        Post("/api/group-conversations");
        Summary(s => s.Summary = "Create a group conversation with 1 to 10 bots");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var now = clock.Now();
        var group = new GroupDoc
        {
            Id = Guid.NewGuid().ToString(),
            Name = req.Name!.Trim(),
            OwnerId = User.Id(),
            BotIds = req.DistinctBotIds(),
            CreatedAt = now,
        };
        group.Touch(now);
        Data.Insert(db, group);
        await Send.ResponseAsync(Envelope.Of(GroupDto.From(db, group)), StatusCodes.Status201Created, ct);
    }
}
