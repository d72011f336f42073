using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Rename;

static class Data
{
    /// <summary>Renames the user's conversation; null when the user has no such conversation.</summary>
    public static Task<ConversationDoc?> RenameAsync(ChatDb db, Clock clock, string id, string userId, string title) =>
        db.InTransactionAsync<ConversationDoc?>(() =>
        {
            // ForUpdate locks the collection from the read on, so a concurrent change to the
            // same conversation (tags, model, a new message) is not overwritten with stale fields.
            var conversation = db.Conversations.Query()
                .Where(x => x.Id == id && x.UserId == userId)
                .ForUpdate()
                .FirstOrDefault();
            if (conversation is null) return null;
            conversation.Title = title;
            conversation.Touch(clock.Now());
            db.UpdateConversation(conversation);
            return conversation;
        });
}
