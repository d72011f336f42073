using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Features.Groups.Messages.List;

static class Data
{
    public static bool IsOwnGroup(ChatDb db, string id, string userId) =>
        db.Groups.Exists(x => x.Id == id && x.OwnerId == userId);

    /// <summary>One page of the group's messages, oldest first, and how many it has.</summary>
    public static (IReadOnlyList<MessageDoc> Messages, int Total) Page(ChatDb db, string groupId, PageRequest page)
    {
        var (from, to) = SortKeys.RangeOf(groupId);
        var inGroup = SortKeys.Between(nameof(MessageDoc.Position), from, to);

        // Skipping and counting walk the Position index only; LiteDB would read every skipped
        // document if Skip ran on the documents. Then only the page's own documents are read:
        // Positions are unique (Clock never repeats), so the page is the range between its keys.
        var keys = db.Messages.Query().Where(inGroup).Select(x => x.Position).Skip(page.Skip).Limit(page.Limit).ToList();
        var total = db.Messages.Query().Where(inGroup).Select(x => x.Position).ToEnumerable().Count();
        if (keys.Count == 0) return ([], total);

        var messages = db.Messages.Query().Where(SortKeys.Between(nameof(MessageDoc.Position), keys[0], keys[^1])).ToList();
        return (messages, total);
    }
}
