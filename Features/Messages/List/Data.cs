using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Messages.List;

static class Data
{
    /// <summary>How many messages the user's conversation has; null when the user has no such conversation.</summary>
    public static int? CountOwned(ChatDb db, string conversationId, string userId) =>
        db.ConversationOf(conversationId, userId)?.MessageCount;
}
