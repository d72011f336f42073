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
            if (db.Conversations.DeleteMany(x => x.Id == id && x.UserId == userId) == 0) return false;
            db.Messages.DeleteMany(x => x.ConversationId == id);
            return true;
        });
}
