using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Features.Groups.List;

static class Data
{
    /// <summary>One page of the owner's groups, newest <c>UpdatedAt</c> first, and how many they own.</summary>
    public static (IReadOnlyList<GroupDoc> Groups, int Total) Page(ChatDb db, string ownerId, PageRequest page)
    {
        var (from, to) = SortKeys.RangeOf(ownerId);
        var owned = SortKeys.Between(nameof(GroupDoc.ListKey), from, to);

        // Skipping and counting walk the ListKey index only; LiteDB would read every skipped
        // document if Skip ran on the documents. Then only the page's own documents are read:
        // ListKeys are unique (Clock never repeats), so the page is the range between its keys.
        var keys = db.Groups.Query().Where(owned).Select(x => x.ListKey).Skip(page.Skip).Limit(page.Limit).ToList();
        var total = db.Groups.Query().Where(owned).Select(x => x.ListKey).ToEnumerable().Count();
        if (keys.Count == 0) return ([], total);

        var groups = db.Groups.Query().Where(SortKeys.Between(nameof(GroupDoc.ListKey), keys[0], keys[^1])).ToList();
        return (groups, total);
    }
}
