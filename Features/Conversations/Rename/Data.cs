using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Rename;

static class Data
{
    /// <summary>Renames the user's conversation; null when the user has no such conversation.</summary>
    public static Task<ConversationDoc?> RenameAsync(ChatDb db, Clock clock, string id, string userId, string title) =>
        db.InTransactionAsync<ConversationDoc?>(() =>
        {
            // Read inside the write: writes run one at a time, so nothing written meanwhile (tags,
            // model, a new message) is overwritten with stale fields.
            var conversation = db.ConversationOf(id, userId);
            if (conversation is null) return null;
            conversation.Title = title;
            conversation.Touch(clock.Now());
            db.UpdateConversation(conversation);
            return conversation;
        });
}
