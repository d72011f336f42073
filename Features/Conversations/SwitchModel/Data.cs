using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.SwitchModel;

static class Data
{
    /// <summary>Points the user's conversation at another model; false when the user has no such conversation.</summary>
    public static Task<bool> SwitchModelAsync(ChatDb db, Clock clock, string id, string userId, string modelId) =>
        db.InTransactionAsync(() =>
        {
            // Read inside the write: writes run one at a time, so nothing written meanwhile (tags,
            // model, a new message) is overwritten with stale fields.
            var conversation = db.ConversationOf(id, userId);
            if (conversation is null) return false;
            conversation.ModelId = modelId;
            conversation.Touch(clock.Now());
            return db.UpdateConversation(conversation);
        });
}
