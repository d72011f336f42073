using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Create;

static class Data
{
    public static void Insert(ChatDb db, ConversationDoc conversation) => db.InsertConversation(conversation);
}
