using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.Create;

sealed class Endpoint(ChatDb db, Clock clock) : Endpoint<Request, Envelope<GroupDto>>
{
    public override void Configure()
    {
        Post("/api/group-conversations");
        Group<Area>();
        Summary(s =>
        {
            s.Summary = "Create a group conversation with 1 to 10 bots";
            s.Description = "name: 1 to 100 characters after trimming. botIds: 1 to 10 known bot ids (see GET /api/bots); "
                + "duplicates are removed and the group's bots are sorted by id.";
            s.ExampleRequest = new Request { Name = "技术讨论组", BotIds = ["bot-tech", "bot-funny"] };
            s.Response<Envelope<GroupDto>>(StatusCodes.Status201Created, "The new group, with its bots");
        });
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
        await Data.InsertAsync(db, group);
        await Send.ResponseAsync(Envelope.Of(GroupDto.From(db, group)), StatusCodes.Status201Created, ct);
    }
}
