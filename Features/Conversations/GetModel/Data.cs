using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.GetModel;

static class Data
{
    public static ConversationDoc? Find(ChatDb db, string id, string userId) =>
        db.ConversationOf(id, userId);
}
