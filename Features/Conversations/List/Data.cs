using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Features.Conversations.List;

static class Data
{
    /// <summary>One page of the user's conversations, newest updated_at first, and how many there are.</summary>
    public static (List<ConversationDoc> Items, int Total) Page(ChatDb db, string userId, PageRequest page)
    {
        // The user's ListKeys are one contiguous run of the ListKey index, newest first: the
        // page is read straight off the index (no sort), and the total is counted from the
        // index keys alone, without loading a document.
        var (from, to) = SortKeys.RangeOf(userId);
        var owned = SortKeys.Between(nameof(ConversationDoc.ListKey), from, to);
        var items = db.Conversations.Query()
            .Where(owned)
            .OrderBy(x => x.ListKey)
            .Skip(page.Skip)
            .Limit(page.Limit)
            .ToList();
        var total = db.Conversations.Query().Where(owned).Select(x => x.ListKey).ToEnumerable().Count();
        return (items, total);
    }

    /// <summary>Like <see cref="Page"/>, only the conversations tagged exactly <paramref name="tag"/>.</summary>
    public static (List<ConversationDoc> Items, int Total) PageTagged(ChatDb db, string userId, string tag, PageRequest page)
    {
        // The multikey Tags index finds the user's tagged conversations (the database compares
        // ordinally, so ?tag=work is not "Work"); tagged sets are small, so they are sorted here.
        var tagged = db.Conversations.Query()
            .Where("$.Tags[*] ANY = @0", tag)
            .Where(x => x.UserId == userId)
            .ToEnumerable()
            .OrderBy(x => x.ListKey, StringComparer.Ordinal)
            .ToList();
        return (tagged.Skip(page.Skip).Take(page.Limit).ToList(), tagged.Count);
    }
}
