using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Delete;

static class Data
{
    /// <summary>Deletes the owner's group with all its messages, or nothing; false when there is no such group.</summary>
    public static bool Delete(ChatDb db, string id, string userId) => db.InTransaction(() =>
    {
        if (!db.Groups.Exists(x => x.Id == id && x.OwnerId == userId)) return false;
        // The messages first, then the group: the order in which a new message takes them
        // (ChatThread.Append); the other order deadlocks with it (see Conversations/Delete).
        db.Messages.DeleteMany(x => x.GroupConversationId == id);
        return db.Groups.Delete(id);
    });
}
