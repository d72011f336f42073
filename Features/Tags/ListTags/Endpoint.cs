using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Tags.ListTags;

sealed class Endpoint(ChatDb db) : EndpointWithoutRequest<Envelope<IReadOnlyList<TagCount>>>
{
    public override void Configure()
    {
        Get("/api/tags");
        Group<Area>();
        Summary(s => s.Summary = "Your distinct tags with how many conversations carry each");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(Envelope.Of<IReadOnlyList<TagCount>>(Data.Counts(db, User.Id())), ct);
}
