using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Messages.Stream;

sealed class Endpoint : StreamEndpoint
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages/stream");
        Group<Area>();
        // As the plain send: 404, then 400; then 429 (a rate-limit scenario, or beyond
        // MAX_STREAMS_PER_USER); all as JSON, before the stream starts or anything is stored.
        DontThrowIfValidationFails();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            s.Summary = "Post a message and stream the model's reply (text/event-stream)";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.EventStream();
            s.Response<ErrorEnvelope>(StatusCodes.Status404NotFound, Answers.NotFound);
        });
    }

    protected override string NotFoundError => Features.NotFound.Conversation;

    /// <summary>The conversation's model answers.</summary>
    protected override Audience? Find(ChatDb db, string id, string userId) => ConversationThread.Find(db, Resolve<ModelCatalog>(), id, userId);

    protected override bool NamesSenders => false;
}
