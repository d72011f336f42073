using ChatFake.Features.Chat;
using ChatFake.Features.Conversations;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Messages;

/// <summary>A personal conversation as its send and stream routes see it: its model answers.</summary>
static class ConversationThread
{
    /// <summary>The conversation, if it exists and belongs to <paramref name="userId"/>.</summary>
    public static Audience? Find(ChatDb db, ModelCatalog catalog, string id, string userId) =>
        db.ConversationOf(id, userId) is { } conversation
            ? new(ChatThread.Of(db, conversation), (content, script) => [ModelOf(catalog, conversation, content, script)])
            : null;

    /// <summary>The conversation's current model, as when the message arrives.</summary>
    static Responder ModelOf(ModelCatalog catalog, ConversationDoc conversation, string content, ReplyScript script)
    {
        var id = ConversationDto.ModelOf(conversation);
        return Responder.Model(id, catalog.Find(id)?.Name ?? id, script.ForModel(id, content));
    }
}
