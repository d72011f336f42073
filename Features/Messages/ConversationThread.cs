using ChatFake.Infrastructure.Data;
using LiteDB;

namespace ChatFake.Features.Messages;

/// <summary>The storage side of a personal conversation's messages, shared by its send and
/// stream routes.</summary>
static class ConversationThread
{
    public const string DefaultModelId = "gpt-3.5-turbo";
    public const string Interrupted = "interrupted";

    /// <summary>The conversation, if it exists and belongs to <paramref name="userId"/>.</summary>
    public static ConversationDoc? FindOwned(ChatDb db, string id, string userId) =>
        db.Conversations.FindOne(x => x.Id == id && x.UserId == userId);

    /// <summary>The conversation's current model (id and display name).</summary>
    public static (string Id, string Name) ModelOf(ChatDb db, ConversationDoc conversation)
    {
        var id = string.IsNullOrEmpty(conversation.ModelId) ? DefaultModelId : conversation.ModelId;
        return (id, db.Models.FindById(id)?.Name ?? id);
    }

    public static MessageDoc UserMessage(ConversationDoc conversation, string userId, string username, string content, DateTime now) =>
        New(conversation, userId, MessageDoc.User, username, content, null, now);

    public static MessageDoc ModelMessage(ConversationDoc conversation, (string Id, string Name) model, string content, DateTime now) =>
        New(conversation, model.Id, MessageDoc.Bot, model.Name, content, model.Id, now);

    /// <summary>
    /// Stores <paramref name="message"/> and bumps the conversation's updated_at (as
    /// ConversationDoc.Touch would), in one
    /// transaction; false (and nothing stored) when the conversation was deleted meanwhile.
    /// </summary>
    public static bool Append(ChatDb db, ConversationDoc conversation, MessageDoc message) =>
        db.AppendMessage(message);

    /// <summary>Marks a stored message as failed (<c>ai_error</c> 1 with the reason).</summary>
    public static void MarkFailed(ChatDb db, MessageDoc message, string error) => db.MarkFailed(message, error);

    static MessageDoc New(ConversationDoc conversation, string senderId, string senderType, string senderName,
        string content, string? modelId, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString(),
        ConversationId = conversation.Id,
        SenderId = senderId,
        SenderType = senderType,
        SenderName = senderName,
        Content = content,
        ModelId = modelId,
        CreatedAt = now,
        Position = MessageDoc.PositionOf(conversation.Id, now),
    };
}
