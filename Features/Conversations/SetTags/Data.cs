using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.SetTags;

static class Data
{
    /// <summary>Replaces the tags of the user's conversation; null when the user has no such conversation.</summary>
    public static Task<ConversationDoc?> ReplaceTagsAsync(ChatDb db, Clock clock, string id, string userId, List<string> tags) =>
        db.InTransactionAsync<ConversationDoc?>(() =>
        {
            // ForUpdate locks the collection from the read on, so a concurrent change to the
            // same conversation is not overwritten with stale fields.
            var conversation = db.Conversations.Query()
                .Where(x => x.Id == id && x.UserId == userId)
                .ForUpdate()
                .FirstOrDefault();
            if (conversation is null) return null;
            conversation.Tags = tags;
            conversation.Touch(clock.Now());
            db.UpdateConversation(conversation);
            return conversation;
        });
}
