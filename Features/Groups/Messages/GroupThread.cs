using ChatFake.Infrastructure.Data;
using LiteDB;

namespace ChatFake.Features.Groups.Messages;

/// <summary>The storage side of a group conversation's messages, shared by its send and
/// stream routes (the group counterpart of Features/Messages/ConversationThread).</summary>
static class GroupThread
{
    public const string NotFound = "Group conversation not found";
    public const string Interrupted = "interrupted";

    /// <summary>The group, if it exists and belongs to <paramref name="userId"/>.</summary>
    public static GroupDoc? FindOwned(ChatDb db, string id, string userId) =>
        db.Groups.FindOne(x => x.Id == id && x.OwnerId == userId);

    /// <summary>The group's bots in the order they answer: by id, ordinal.</summary>
    public static IReadOnlyList<BotDoc> BotsOf(ChatDb db, GroupDoc group) =>
        db.Bots.Find(Query.In("_id", group.BotIds.Select(id => new BsonValue(id)).ToList()))
            .OrderBy(b => b.Id, StringComparer.Ordinal)
            .ToList();

    public static MessageDoc UserMessage(GroupDoc group, string userId, string username, string content, DateTime now) =>
        New(group, userId, MessageDoc.User, username, content, now);

    public static MessageDoc BotMessage(GroupDoc group, BotDoc bot, string content, DateTime now) =>
        New(group, bot.Id, MessageDoc.Bot, bot.Name, content, now);

    /// <summary>
    /// Stores <paramref name="message"/> and bumps the group's updated_at (as GroupDoc.Touch
    /// would), in one transaction; false (and nothing stored) when the group was deleted meanwhile.
    /// </summary>
    public static bool Append(ChatDb db, GroupDoc group, MessageDoc message) =>
        db.AppendMessage(message);

    /// <summary>Marks a stored message as failed (<c>ai_error</c> 1 with the reason).</summary>
    public static void MarkFailed(ChatDb db, MessageDoc message, string error) => db.MarkFailed(message, error);

    /// <summary>How a bot's failure reads: which bot failed, then why.</summary>
    public static string FailureOf(BotDoc bot, string error) => $"{bot.Name}: {error}";

    static MessageDoc New(GroupDoc group, string senderId, string senderType, string senderName, string content, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString(),
        GroupConversationId = group.Id,
        SenderId = senderId,
        SenderType = senderType,
        SenderName = senderName,
        Content = content,
        CreatedAt = now,
        Position = MessageDoc.PositionOf(group.Id, now),
    };
}
