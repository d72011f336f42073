using System.Linq.Expressions;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Infrastructure.Data;

/// <summary>
/// How every list route reads a page: first the page's keys, then only the page's documents,
/// and the total from a count (ChatDb.Lists.cs). Message lists have dense slots, so their keys
/// are computed; the other lists find theirs by rank in memory (RankedKeys), since LiteDB skips
/// index keys one by one. Either way any page costs the same.
/// </summary>
public static class Paging
{
    /// <summary>The keys of <paramref name="page"/> within an index range of <paramref name="total"/>
    /// keys, in ordinal order. A page past the end loads nothing: a ?tag= of any name would
    /// otherwise keep an empty list in memory.</summary>
    public static async Task<List<string>> KeysAsync<T>(ChatDb db, ILiteCollection<T> collection, string field, Expression<Func<T, string>> key,
        (string From, string To) range, int total, PageRequest page) =>
        page.Skip >= total ? [] : (await db.RankedKeysOfAsync(collection, field, key, range)).Page(page.Skip, page.Limit);

    /// <summary>The documents whose <paramref name="field"/> lies between the first and last of
    /// <paramref name="keys"/> (the keys of one contiguous page), in key order.</summary>
    public static List<T> Between<T>(ILiteCollection<T> collection, string field, Expression<Func<T, string>> key, List<string> keys) =>
        keys.Count == 0 ? [] : collection.Query().Where(SortKeys.Between(field, keys[0], keys[^1])).OrderBy(key).ToList();

    /// <summary>One page of a conversation's or group's messages, oldest first, of <paramref name="total"/>.</summary>
    public static List<MessageDoc> Messages(ChatDb db, string threadId, int total, PageRequest page)
    {
        if (page.Skip >= total) return [];
        var (from, to) = SortKeys.SlotsOf(threadId, page.Skip, page.Limit);
        return Between(db.Messages, nameof(MessageDoc.Slot), x => x.Slot, [from, to]);
    }
}
