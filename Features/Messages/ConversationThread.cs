using ChatFake.Features.Chat;
using ChatFake.Features.Conversations;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Messages;

/// <summary>A personal conversation as its send and stream routes see it: its model answers.</summary>
static class ConversationThread
{
    /// <summary>The conversation, if it exists and belongs to <paramref name="userId"/>.</summary>
    public static Audience? Find(ChatDb db, string id, string userId) =>
        db.Conversations.FindOne(x => x.Id == id && x.UserId == userId) is { } conversation
            ? new(ChatThread.Of(db, conversation), content => [ModelOf(db, conversation, content)])
            : null;

    /// <summary>The conversation's current model, as when the message arrives.</summary>
    static Responder ModelOf(ChatDb db, ConversationDoc conversation, string content)
    {
        var id = ConversationDto.ModelOf(conversation);
        return Responder.Model(id, db.Models.FindById(id)?.Name ?? id, ReplyComposer.ForModel(id, content));
    }
}
