using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Messages;

/// <summary>
/// Conversations for message tests, stored directly exactly as POST /api/conversations stores
/// them, so that these tests depend on the message slices alone; everything about messages
/// itself goes through HTTP.
/// </summary>
public static class Arrange
{
    public static ChatDb Db(this App app) => app.Services.GetRequiredService<ChatDb>();

    public static string NewConversation(this App app, UserClient owner, string modelId = "gpt-3.5-turbo")
    {
        var now = app.Services.GetRequiredService<Clock>().Now();
        var conversation = new ConversationDoc
        {
            Id = Guid.NewGuid().ToString(),
            UserId = owner.Id,
            Title = "New conversation",
            ModelId = modelId,
            CreatedAt = now,
        };
        conversation.Touch(now);
        app.Db().InsertConversation(conversation);
        return conversation.Id;
    }

    public static void SwitchModel(this App app, string conversationId, string modelId)
    {
        var conversation = app.Db().Conversations.FindById(conversationId);
        conversation.ModelId = modelId;
        app.Db().Conversations.Update(conversation);
    }

    public static List<MessageDoc> StoredMessages(this App app, string conversationId) =>
        app.Db().Messages.Find(x => x.ConversationId == conversationId).OrderBy(x => x.Position, StringComparer.Ordinal).ToList();
}
