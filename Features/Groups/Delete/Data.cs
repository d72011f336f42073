using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Delete;

static class Data
{
    /// <summary>Deletes the owner's group with all its messages, or nothing; false when there is no such group.</summary>
    public static bool Delete(ChatDb db, string id, string userId) => db.DeleteGroup(id, userId);
}
