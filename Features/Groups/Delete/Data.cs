using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Delete;

static class Data
{
    /// <summary>Deletes the owner's group with all its messages, or nothing; false when there is no such group.</summary>
    public static Task<bool> DeleteAsync(ChatDb db, string id, string userId) => db.DeleteGroupAsync(id, userId);
}
