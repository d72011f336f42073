using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Create;

static class Data
{
    public static Task InsertAsync(ChatDb db, ConversationDoc conversation) => db.InsertConversationAsync(conversation);
}
