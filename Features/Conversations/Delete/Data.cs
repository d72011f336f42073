using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Delete;

static class Data
{
    /// <summary>Deletes the user's conversation with its messages (its tags are embedded);
    /// false when the user has no such conversation.</summary>
    public static bool Delete(ChatDb db, string id, string userId) =>
        // One transaction: a crash never leaves messages behind without their conversation.
        db.InTransaction(() =>
        {
            if (!db.Conversations.Exists(x => x.Id == id && x.UserId == userId)) return false;
            // The messages first, then the conversation: the order in which a new message takes
            // them (ChatThread.Append). LiteDB holds a collection's write lock until the
            // commit, so the other order deadlocks with a message being stored at that moment
            // until LiteDB's one-minute lock timeout fails both. A message stored before this
            // takes the messages is deleted with them; one stored after finds no conversation.
            db.Messages.DeleteMany(x => x.ConversationId == id);
            return db.Conversations.Delete(id);
        });
}
