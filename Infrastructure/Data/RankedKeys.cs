namespace ChatFake.Infrastructure.Data;

/// <summary>
/// The index keys of one list (a user's conversations, their conversations with one tag, their
/// groups), in memory and in ordinal order, so that the keys of any page are found by rank:
/// LiteDB 5.0.21 skips index keys one by one, half a microsecond a key. ChatDb.Lists.cs loads it
/// on the writer and changes it after each commit that changes the list, so it always holds the
/// committed keys; readers on request threads take a page of it concurrently.
/// </summary>
public sealed class RankedKeys
{
    // Kept in descending ordinal order, the reverse of the list's: the newest key sorts first in
    // the list and goes to the end here, where a send (which moves its conversation to the top)
    // inserts it without shifting every other key of the list.
    static readonly Comparer<string> Reversed = Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a));

    readonly List<string> keys;

    public RankedKeys(List<string> keys)
    {
        keys.Sort(Reversed);
        this.keys = keys;
    }

    /// <summary>The keys of ranks [skip, skip + limit) in ordinal order.</summary>
    public List<string> Page(int skip, int limit)
    {
        lock (keys)
        {
            var count = Math.Clamp(keys.Count - skip, 0, limit);
            var page = new List<string>(count);
            for (var i = keys.Count - 1 - skip; page.Count < count; i--) page.Add(keys[i]);
            return page;
        }
    }

    /// <summary>Takes <paramref name="removed"/> out and puts <paramref name="added"/> in, each when not null.</summary>
    public void Move(string? removed, string? added)
    {
        lock (keys)
        {
            if (removed is not null && keys.BinarySearch(removed, Reversed) is var at and >= 0) keys.RemoveAt(at);
            if (added is not null)
            {
                var to = keys.BinarySearch(added, Reversed);
                keys.Insert(to < 0 ? ~to : to, added);
            }
        }
    }
}
