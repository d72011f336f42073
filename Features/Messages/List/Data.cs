using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Features.Messages.List;

static class Data
{
    public static bool IsOwned(ChatDb db, string conversationId, string userId) =>
        db.Conversations.Exists(x => x.Id == conversationId && x.UserId == userId);

    /// <summary>One page of the conversation, oldest first: a range scan of the Position index,
    /// so it costs the page, not the whole conversation.</summary>
    public static (List<MessageDoc> Items, int Total) Page(ChatDb db, string conversationId, PageRequest page)
    {
        var (from, to) = SortKeys.RangeOf(conversationId);
        var items = db.Messages.Query()
            .Where(SortKeys.Between(nameof(MessageDoc.Position), from, to))
            .OrderBy(x => x.Position)
            .Skip(page.Skip)
            .Limit(page.Limit)
            .ToList();
        return (items, db.Messages.Count(x => x.ConversationId == conversationId));
    }
}
