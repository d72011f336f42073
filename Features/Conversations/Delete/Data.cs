using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Delete;

static class Data
{
    /// <summary>Deletes the user's conversation with its messages and tags, in one transaction
    /// (a crash never leaves messages behind); false when the user has no such conversation.</summary>
    public static Task<bool> DeleteAsync(ChatDb db, string id, string userId) => db.DeleteConversationAsync(id, userId);
}
