using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Tags.ListTags;

static class Data
{
    /// <summary>The user's distinct tags with their conversation counts, by tag (ordinal).</summary>
    public static List<TagCount> Counts(ChatDb db, string userId) => db.Conversations
        .Find(x => x.UserId == userId)
        // A conversation holds each tag once, so a tag's count is its number of conversations.
        .SelectMany(x => x.Tags)
        .GroupBy(tag => tag, StringComparer.Ordinal)
        .Select(g => new TagCount(g.Key, g.Count()))
        .OrderBy(x => x.Tag, StringComparer.Ordinal)
        .ToList();
}
