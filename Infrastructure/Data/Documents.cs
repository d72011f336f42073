using LiteDB;

namespace ChatFake.Infrastructure.Data;

// LiteDB documents. Property names are the C# ones; the wire names live on the DTOs in Features/.

public sealed class UserDoc
{
    public string Id { get; set; } = "";
    public string Username { get; set; } = "";
    // Lower-cased username under a unique index: usernames are unique case-insensitively
    // while the user's own casing is kept for display.
    public string UsernameKey { get; set; } = "";
    public string Email { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ModelDoc
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Provider { get; set; } = "";
    public int ContextLimit { get; set; }
    public string PricingPer1kTokens { get; set; } = "";
    public int IsActive { get; set; }
}

public sealed class BotDoc
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Personality { get; set; } = "";
    public string Description { get; set; } = "";
    public string ResponseTendency { get; set; } = "";
}

public sealed class ConversationDoc
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Title { get; set; } = "";
    public string ModelId { get; set; } = "";
    // Tags are embedded: they are only ever read and replaced with their conversation; the
    // ?tag= lists read the tag entries derived from them (TagKeys, ChatDb.Lists.cs).
    public List<string> Tags { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    // "<UserId>|<descending UpdatedAt ticks>": one index range scan serves a page of the
    // owner's list, newest first, without sorting all of the owner's conversations.
    public string ListKey { get; set; } = "";
    // Kept by ChatDb.AppendMessageAsync in the transaction that stores the message.
    public int MessageCount { get; set; }
    // The Position of its latest message, kept likewise; null in a file of an earlier version.
    public string? LatestPosition { get; set; }

    /// <summary>Its keys in the owner's per-tag lists (ChatDb.TagEntries), derived from Tags and ListKey.</summary>
    [BsonIgnore]
    public IEnumerable<string> TagKeys => Tags.Select(tag => SortKeys.TagEntry(UserId, tag, ListKey));

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        ListKey = SortKeys.NewestFirst(UserId, now);
    }
}

public sealed class GroupDoc
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public List<string> BotIds { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    // Same scheme as ConversationDoc.ListKey, for the owner's group list.
    public string ListKey { get; set; } = "";
    // Kept by ChatDb.AppendMessageAsync in the transaction that stores the message.
    public int MessageCount { get; set; }
    // As ConversationDoc.LatestPosition.
    public string? LatestPosition { get; set; }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        ListKey = SortKeys.NewestFirst(OwnerId, now);
    }
}

public sealed class MessageDoc
{
    public const string User = "user";
    public const string Bot = "bot";

    public string Id { get; set; } = "";
    public string? ConversationId { get; set; }
    public string? GroupConversationId { get; set; }
    public string SenderId { get; set; } = "";
    public string SenderType { get; set; } = User;
    public string SenderName { get; set; } = "";
    public string Content { get; set; } = "";
    public string? ModelId { get; set; }
    public int AiError { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    // "<conversation or group id>|<CreatedAt ticks>": a page of a thread, oldest first, is one
    // index range scan. Timestamps come from Clock, which never repeats, so there are no ties.
    public string Position { get; set; } = "";
    // "<conversation or group id>|<0-based rank in Position order>", dense: page n of a thread
    // is the index range of its ranks, however deep. Kept by ChatDb.AppendMessageAsync.
    public string Slot { get; set; } = "";

    public static string PositionOf(string threadId, DateTime createdAt) => SortKeys.OldestFirst(threadId, createdAt);
}

/// <summary>A count that a list route reads instead of counting documents (see ChatDb.Lists.cs).</summary>
public sealed class CountDoc
{
    public string Id { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>One conversation under one of its tags, in its owner's newest-first list for that
/// tag: the key alone is the entry (see SortKeys.TagEntry).</summary>
public sealed class TagEntryDoc
{
    public string Id { get; set; } = "";
}

public static class SortKeys
{
    public static string NewestFirst(string owner, DateTime at) => $"{owner}|{DateTime.MaxValue.Ticks - at.Ticks:D19}";

    public static string OldestFirst(string owner, DateTime at) => $"{owner}|{at.Ticks:D19}";

    // Every key of an owner is "<owner>|" and 19 digits. The bounds are digits too: LiteDB
    // compares with the culture's collation, which is ordinal only in invariant-globalization
    // mode; under ICU (the test host) "~" sorts before the digits and "<owner>|~" bounded nothing.
    public static (string From, string To) RangeOf(string owner) => ($"{owner}|{new string('0', 19)}", $"{owner}|{new string('9', 19)}");

    public static string Slot(string threadId, int rank) => $"{threadId}|{rank:D10}";

    /// <summary>The slots of ranks [first, first + count) of a thread.</summary>
    public static (string From, string To) SlotsOf(string threadId, int first, int count) =>
        (Slot(threadId, first), Slot(threadId, (int)Math.Min(int.MaxValue, (long)first + count - 1)));

    // "<owner>|<tag length>|<tag>|<descending ticks>": the length keeps tag "a" from matching
    // the keys of tag "a|b"; the ticks are those of the conversation's ListKey, so a tag's
    // entries sort newest first and each one names its conversation's ListKey.
    public static string TagEntry(string owner, string tag, string listKey) =>
        $"{TagPrefix(owner, tag)}{listKey[(listKey.LastIndexOf('|') + 1)..]}";

    public static (string From, string To) TagRangeOf(string owner, string tag) =>
        ($"{TagPrefix(owner, tag)}{new string('0', 19)}", $"{TagPrefix(owner, tag)}{new string('9', 19)}");

    /// <summary>The conversation ListKey that a tag entry stands for.</summary>
    public static string ListKeyOfTagEntry(string owner, string entry) => $"{owner}|{entry[^19..]}";

    static string TagPrefix(string owner, string tag) => $"{owner}|{tag.Length:D2}|{tag}|";

    /// <summary>
    /// The documents whose <paramref name="field"/> lies in [from, to], read as one index range
    /// scan. Written as a parameterized BETWEEN on purpose: LiteDB 5 bounds an index scan by the
    /// first term of "a &gt;= x AND a &lt; y" only (so it read every later message of every user),
    /// and Query.Between inlines its values, compiling and caching a new expression per value.
    /// </summary>
    public static BsonExpression Between(string field, string from, string to) =>
        BsonExpression.Create($"{field} BETWEEN @0 AND @1", new BsonValue(from), new BsonValue(to));
}
