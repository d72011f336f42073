using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Messages.Stream;

sealed class Endpoint : StreamEndpoint
{
    public override void Configure()
    {
        Post("/api/conversations/{id}/messages/stream");
        // As the plain send: 404, then 400; then 429 (a rate-limit scenario, or beyond
        // MAX_STREAMS_PER_USER); all as JSON, before the stream starts or anything is stored.
        DontThrowIfValidationFails();
        Summary(s =>
        {
            s.Summary = "Post a message and stream the model's reply (text/event-stream)";
            s.ExampleRequest = new NewMessageRequest { Content = "你好，AI！" };
            s.Responses[200] = "Server-sent events: userMessage, aiMessageStart, aiMessageChunk..., aiMessageEnd, done; or userMessage, error";
            s.Responses[429] = "The user already has MAX_STREAMS_PER_USER streams open (nothing stored)";
        });
    }

    protected override string NotFound => ChatThread.ConversationNotFound;

    /// <summary>The conversation's model answers.</summary>
    protected override Audience? Find(ChatDb db, string id, string userId) => ConversationThread.Find(db, id, userId);

    protected override bool NamesSenders => false;
}
