using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.List;

static class Data
{
    /// <summary>One page of the owner's groups, newest <c>UpdatedAt</c> first, and how many they own.</summary>
    public static async Task<(IReadOnlyList<GroupDoc> Groups, int Total)> PageAsync(ChatDb db, string ownerId, PageRequest page)
    {
        var total = db.CountOf(ChatDb.GroupCountKey(ownerId));
        var keys = await Paging.KeysAsync(db, db.Groups, nameof(GroupDoc.ListKey), x => x.ListKey, SortKeys.RangeOf(ownerId), total, page);
        var groups = Paging.Between(db.Groups, nameof(GroupDoc.ListKey), x => x.ListKey, keys);
        return (groups, total);
    }
}
