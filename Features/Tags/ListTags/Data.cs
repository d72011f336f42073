using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Tags.ListTags;

static class Data
{
    /// <summary>The user's distinct tags with their conversation counts, by tag (ordinal): the
    /// counts kept per tag, in key order, without reading a conversation.</summary>
    public static List<TagCount> Counts(ChatDb db, string userId)
    {
        var (from, to) = ChatDb.TagCountsOf(userId);
        return db.Counts.Query()
            .Where(SortKeys.Between("_id", from, to))
            .ToEnumerable()
            .Select(c => new TagCount(ChatDb.TagOfCountKey(userId, c.Id), c.Count))
            .ToList();
    }
}
