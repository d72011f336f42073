using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations.List;

static class Data
{
    /// <summary>One page of the user's conversations, newest updated_at first, and how many there are.</summary>
    public static async Task<(List<ConversationDoc> Items, int Total)> PageAsync(ChatDb db, string userId, PageRequest page)
    {
        // The user's ListKeys are one contiguous run of the ListKey index, newest first.
        var total = db.CountOf(ChatDb.ConversationCountKey(userId));
        var keys = await Paging.KeysAsync(db, db.Conversations, nameof(ConversationDoc.ListKey), x => x.ListKey, SortKeys.RangeOf(userId), total, page);
        var items = Paging.Between(db.Conversations, nameof(ConversationDoc.ListKey), x => x.ListKey, keys);
        return (items, total);
    }

    /// <summary>Like <see cref="PageAsync"/>, only the conversations tagged exactly <paramref name="tag"/>.</summary>
    public static async Task<(List<ConversationDoc> Items, int Total)> PageTaggedAsync(ChatDb db, string userId, string tag, PageRequest page)
    {
        // A tag's entries are one contiguous run of their index, newest first, and each names
        // its conversation's ListKey (keys compare ordinally, so ?tag=work is not "Work").
        var total = db.CountOf(ChatDb.TagCountKey(userId, tag));
        var entries = await Paging.KeysAsync(db, db.TagEntries, "_id", x => x.Id, SortKeys.TagRangeOf(userId, tag), total, page);
        var items = entries
            .Select(entry => SortKeys.ListKeyOfTagEntry(userId, entry))
            .Select(listKey => db.Conversations.FindOne(x => x.ListKey == listKey))
            .OfType<ConversationDoc>()
            .ToList();
        return (items, total);
    }
}
