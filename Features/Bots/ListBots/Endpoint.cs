using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Bots.ListBots;

sealed class Endpoint(ChatDb db) : EndpointWithoutRequest<Envelope<IReadOnlyList<BotDto>>>
{
    public override void Configure()
    {
        Get("/api/bots");
        Group<Area>();
        Summary(s => s.Summary = "The preset bots a group can include, sorted by id");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(Envelope.Of(Data.AllBots(db)), ct);
}
