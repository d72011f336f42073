using ChatFake.Infrastructure.Data;
using LiteDB;

namespace ChatFake.Features.Chat;

/// <summary>
/// Where an exchange is stored: a personal conversation or a group, as found for its owner.
/// The two differ only in their collection and in the field that ties a message to them.
/// </summary>
public sealed class ChatThread
{
    public const string Interrupted = "interrupted";
    public const string ConversationNotFound = "Conversation not found";
    public const string GroupNotFound = "Group conversation not found";

    readonly ChatDb db;
    readonly Func<BsonExpression, BsonExpression, int> updateThreads;
    readonly bool isGroup;

    ChatThread(ChatDb db, Func<BsonExpression, BsonExpression, int> updateThreads, string id, string ownerId, bool isGroup, string notFound)
    {
        this.db = db;
        this.updateThreads = updateThreads;
        Id = id;
        OwnerId = ownerId;
        this.isGroup = isGroup;
        NotFound = notFound;
    }

    public static ChatThread Of(ChatDb db, ConversationDoc conversation) =>
        new(db, db.Conversations.UpdateMany, conversation.Id, conversation.UserId, isGroup: false, ConversationNotFound);

    public static ChatThread Of(ChatDb db, GroupDoc group) =>
        new(db, db.Groups.UpdateMany, group.Id, group.OwnerId, isGroup: true, GroupNotFound);

    public string Id { get; }

    public string OwnerId { get; }

    /// <summary>The 404 message of this kind of thread.</summary>
    public string NotFound { get; }

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
    /// Stores <paramref name="message"/> and bumps the thread's updated_at, in one transaction;
    /// false (and nothing stored) when the thread was deleted meanwhile.
    /// </summary>
    public bool Append(MessageDoc message)
    {
        try
        {
            return db.InTransaction(() =>
            {
                db.Messages.Insert(message);
                // LiteDB extends the stored document with these two fields, under its write lock:
                // a rename or retag landing at the same moment is not overwritten with a stale copy.
                // A streamed reply is dated at its start but stored at its end: a change or a
                // message of a concurrent request may be newer by then, and updated_at never moves back.
                var touched = updateThreads(
                    BsonExpression.Create("{ UpdatedAt: IIF(UpdatedAt < @0, @0, UpdatedAt), ListKey: IIF(UpdatedAt < @0, @1, ListKey) }",
                        new BsonValue(message.CreatedAt), new BsonValue(SortKeys.NewestFirst(OwnerId, message.CreatedAt))),
                    BsonExpression.Create("_id = @0", new BsonValue(Id)));
                return touched == 1 ? true : throw new ThreadGone();
            });
        }
        catch (ThreadGone)
        {
            return false;
        }
    }

    /// <summary>Marks a stored message as failed (<c>ai_error</c> 1 with the reason).</summary>
    public void MarkFailed(MessageDoc message, string error)
    {
        message.AiError = 1;
        message.ErrorMessage = error;
        db.Messages.Update(message);
    }

    sealed class ThreadGone : Exception;
}
