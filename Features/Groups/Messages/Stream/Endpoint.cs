using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups.Messages.Stream;

sealed class Endpoint : StreamEndpoint
{
    public override void Configure()
    {
        Post("/api/group-conversations/{id}/messages/stream");
        Group<Area>();
        // As the plain send: 404, then 400; then 429 (a rate-limit scenario, or beyond
        // MAX_STREAMS_PER_USER); all as JSON, before the stream starts or anything is stored.
        DontThrowIfValidationFails();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            s.Summary = "Post a message to a group and stream every bot's reply in turn (text/event-stream)";
            s.ExampleRequest = new NewMessageRequest { Content = "大家好！" };
            s.EventStream();
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    protected override string NotFoundError => Features.NotFound.Group;

    /// <summary>The group's bots answer one after another, in bot-id order.</summary>
    protected override Audience? Find(ChatDb db, string id, string userId) => GroupThread.Find(db, id, userId);

    /// <summary>Several bots speak in one stream: each reply event names its bot.</summary>
    protected override bool NamesSenders => true;
}
