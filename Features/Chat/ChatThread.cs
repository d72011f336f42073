using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Chat;

/// <summary>
/// Where an exchange is stored: a personal conversation or a group, as found for its owner.
/// The two differ only in their collection and in the field that ties a message to them.
/// </summary>
public sealed class ChatThread
{
    public const string Interrupted = "interrupted";

    readonly ChatDb db;
    readonly bool isGroup;

    ChatThread(ChatDb db, string id, string ownerId, bool isGroup, string notFound)
    {
        this.db = db;
        Id = id;
        OwnerId = ownerId;
        this.isGroup = isGroup;
        NotFoundError = notFound;
    }

    public static ChatThread Of(ChatDb db, ConversationDoc conversation) =>
        new(db, conversation.Id, conversation.UserId, isGroup: false, Features.NotFound.Conversation);

    public static ChatThread Of(ChatDb db, GroupDoc group) =>
        new(db, group.Id, group.OwnerId, isGroup: true, Features.NotFound.Group);

    public string Id { get; }

    public string OwnerId { get; }

    /// <summary>The 404 message of this kind of thread.</summary>
    public string NotFoundError { get; }

    public MessageDoc NewMessage(string senderId, string senderType, string senderName, string content, string? modelId, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString(),
        ConversationId = isGroup ? null : Id,
        GroupConversationId = isGroup ? Id : null,
        SenderId = senderId,
        SenderType = senderType,
        SenderName = senderName,
        Content = content,
        ModelId = modelId,
        CreatedAt = now,
        Position = MessageDoc.PositionOf(Id, now),
    };

    /// <summary>
    /// Stores <paramref name="message"/> with its slot, counts it and bumps the thread's
    /// updated_at, in one transaction; false (and nothing stored) when the thread was deleted meanwhile.
    /// </summary>
    public Task<bool> AppendAsync(MessageDoc message) => db.AppendMessageAsync(message);

    /// <summary>Marks a stored message as failed (<c>ai_error</c> 1 with the reason).</summary>
    public Task MarkFailedAsync(MessageDoc message, string error) => db.MarkFailedAsync(message, error);
}
