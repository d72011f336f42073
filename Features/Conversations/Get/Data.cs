using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Get;

static class Data
{
    public static ConversationDoc? Find(ChatDb db, string id, string userId) =>
        db.ConversationOf(id, userId);
}
