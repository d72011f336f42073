using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.SwitchModel;

static class Data
{
    /// <summary>Points the user's conversation at another model; false when the user has no such conversation.</summary>
    public static Task<bool> SwitchModelAsync(ChatDb db, Clock clock, string id, string userId, string modelId) =>
        db.InTransactionAsync(() =>
        {
            // ForUpdate locks the collection from the read on, so a concurrent change to the
            // same conversation is not overwritten with stale fields.
            var conversation = db.Conversations.Query()
                .Where(x => x.Id == id && x.UserId == userId)
                .ForUpdate()
                .FirstOrDefault();
            if (conversation is null) return false;
            conversation.ModelId = modelId;
            conversation.Touch(clock.Now());
            return db.UpdateConversation(conversation);
        });
}
