using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Delete;

static class Data
{
    /// <summary>Deletes the owner's group with all its messages, or nothing; false when there is no such group.</summary>
    public static bool Delete(ChatDb db, string id, string userId) => db.InTransaction(() =>
    {
        if (db.Groups.DeleteMany(x => x.Id == id && x.OwnerId == userId) == 0) return false;
        db.Messages.DeleteMany(x => x.GroupConversationId == id);
        return true;
    });
}
