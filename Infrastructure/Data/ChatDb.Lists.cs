using System.Collections.Concurrent;
using System.Linq.Expressions;
using LiteDB;

namespace ChatFake.Infrastructure.Data;

// What the list routes read instead of the documents: counts, dense message slots and per-tag
// entries, each written in the transaction of the write that changes it, and the ranked keys of
// the lists read so far, changed once that transaction is committed. Every write to a
// conversation, a group or a message list goes through these methods.
public sealed partial class ChatDb
{
    const string ListsBuilt = "|lists-v1";

    // By collection and the first key of the list's range; only lists that have been read.
    readonly ConcurrentDictionary<(string Collection, string From), RankedKeys> rankedLists = new();

    public static string ConversationCountKey(string userId) => $"{userId}|conversations";
    public static string GroupCountKey(string userId) => $"{userId}|groups";
    public static string TagCountKey(string userId, string tag) => $"{TagCountPrefix(userId)}{tag}";
    public static string TagOfCountKey(string userId, string key) => key[TagCountPrefix(userId).Length..];

    /// <summary>The keys of the user's tag counts: every key that starts with the prefix lies in it.</summary>
    public static (string From, string To) TagCountsOf(string userId) => (TagCountPrefix(userId), $"{userId}|tag}}");

    static string TagCountPrefix(string userId) => $"{userId}|tag|";

    public int CountOf(string key) => Counts.FindById(key)?.Count ?? 0;

    /// <summary>
    /// The keys of the list whose <paramref name="field"/> lies in <paramref name="range"/>, by
    /// rank. Read from the index at the first call, as a write: on the writer, between two commits,
    /// so the keys loaded and the changes applied after each later commit are exactly the committed ones.
    /// </summary>
    public async Task<RankedKeys> RankedKeysOfAsync<T>(ILiteCollection<T> collection, string field, Expression<Func<T, string>> key,
        (string From, string To) range)
    {
        var id = (collection.Name, range.From);
        if (rankedLists.TryGetValue(id, out var ranked)) return ranked;
        var loaded = await InTransactionAsync(() =>
        {
            var keys = new RankedKeys(collection.Query().Where(SortKeys.Between(field, range.From, range.To)).Select(key).ToList());
            // After the commit, in the order of the writes: a write committed in the same batch
            // before this one is in the keys read, one after it is applied to them.
            AfterCommit(() => rankedLists.TryAdd(id, keys));
            return keys;
        });
        return rankedLists.GetValueOrDefault(id, loaded);
    }

    public Task InsertConversationAsync(ConversationDoc conversation) => InTransactionAsync(() =>
    {
        OwnerMustExist(conversation.UserId);
        Conversations.Insert(conversation);
        Rank(Conversations, SortKeys.RangeOf(conversation.UserId), removed: null, added: conversation.ListKey);
        Index(conversation, stored: null);
        AddCount(ConversationCountKey(conversation.UserId), 1);
        return true;
    });

    /// <summary>Stores the changed conversation and its tag entries; inside a write, after
    /// reading it there (so nothing written meanwhile is overwritten).</summary>
    public bool UpdateConversation(ConversationDoc conversation)
    {
        var stored = Conversations.FindById(conversation.Id);
        if (stored is null) return false;
        Conversations.Update(conversation);
        Rank(Conversations, SortKeys.RangeOf(conversation.UserId), stored.ListKey, conversation.ListKey);
        Index(conversation, stored);
        return true;
    }

    /// <summary>Deletes the user's conversation with its messages and tag entries; false when there is none.</summary>
    public Task<bool> DeleteConversationAsync(string id, string userId) => InTransactionAsync(() =>
    {
        var stored = ConversationOf(id, userId);
        if (stored is null) return false;
        // The messages first, then the conversation: the order in which a new message takes
        // them (AppendMessageAsync). LiteDB holds a collection's write lock until the commit.
        Messages.DeleteMany(x => x.ConversationId == id);
        Conversations.Delete(id);
        Rank(Conversations, SortKeys.RangeOf(stored.UserId), stored.ListKey, added: null);
        foreach (var key in stored.TagKeys) TagEntries.Delete(key);
        foreach (var tag in stored.Tags)
            Rank(TagEntries, SortKeys.TagRangeOf(stored.UserId, tag), SortKeys.TagEntry(stored.UserId, tag, stored.ListKey), added: null);
        foreach (var tag in stored.Tags) AddCount(TagCountKey(stored.UserId, tag), -1);
        AddCount(ConversationCountKey(stored.UserId), -1);
        return true;
    });

    public Task InsertGroupAsync(GroupDoc group) => InTransactionAsync(() =>
    {
        OwnerMustExist(group.OwnerId);
        Groups.Insert(group);
        Rank(Groups, SortKeys.RangeOf(group.OwnerId), removed: null, added: group.ListKey);
        AddCount(GroupCountKey(group.OwnerId), 1);
        return true;
    });

    /// <summary>Deletes the owner's group with its messages; false when there is none.</summary>
    public Task<bool> DeleteGroupAsync(string id, string ownerId) => InTransactionAsync(() =>
    {
        if (GroupOf(id, ownerId) is not { } stored) return false;
        Messages.DeleteMany(x => x.GroupConversationId == id);
        Groups.Delete(id);
        Rank(Groups, SortKeys.RangeOf(ownerId), stored.ListKey, added: null);
        AddCount(GroupCountKey(ownerId), -1);
        return true;
    });

    /// <summary>
    /// Stores a message of a conversation or group with its slot, counts it, and moves the
    /// thread's updated_at to the message's created_at unless something newer is there
    /// already, in one transaction; false (nothing stored) when the thread is gone.
    /// </summary>
    public Task<bool> AppendMessageAsync(MessageDoc message) => InTransactionAsync(() =>
    {
        if (message.ConversationId is { } conversationId)
        {
            if (Conversations.FindById(conversationId) is not { } conversation) return false;
            conversation.LatestPosition = Place(message, conversationId, conversation.MessageCount, conversation.LatestPosition);
            conversation.MessageCount++;
            if (conversation.UpdatedAt < message.CreatedAt) conversation.Touch(message.CreatedAt);
            return UpdateConversation(conversation);
        }
        var groupId = message.GroupConversationId!;
        if (Groups.FindById(groupId) is not { } group) return false;
        group.LatestPosition = Place(message, groupId, group.MessageCount, group.LatestPosition);
        group.MessageCount++;
        var listKey = group.ListKey;
        if (group.UpdatedAt < message.CreatedAt) group.Touch(message.CreatedAt);
        if (!Groups.Update(group)) return false;
        Rank(Groups, SortKeys.RangeOf(group.OwnerId), listKey, group.ListKey);
        return true;
    });

    /// <summary>Marks a stored message as failed (<c>ai_error</c> 1 with the reason).</summary>
    public Task MarkFailedAsync(MessageDoc message, string error)
    {
        message.AiError = 1;
        message.ErrorMessage = error;
        // In a transaction, whose commit is where a store that can no longer write says so: a
        // 202 must not acknowledge a mark that never reached the disk. Only these two fields:
        // the slot of a stored message can have moved since it was read.
        return InTransactionAsync(() => Messages.UpdateMany(
            BsonExpression.Create("{ AiError: 1, ErrorMessage: @0 }", new BsonValue(error)),
            BsonExpression.Create("_id = @0", new BsonValue(message.Id))));
    }

    /// <summary>Inserts the message at its rank by Position and returns the thread's latest
    /// Position after it (null when unknown). A streamed reply is dated at its start and stored at
    /// its end: messages stored meanwhile (usually none) move one slot down.</summary>
    string? Place(MessageDoc message, string threadId, int count, string? latest)
    {
        // Nearly every message is the thread's latest: it takes the next slot and nothing moves,
        // with no query for later messages (a fifth of the CPU of a send, bench/RESULTS.md).
        if (count == 0 || (latest is not null && string.CompareOrdinal(message.Position, latest) > 0))
        {
            message.Slot = SortKeys.Slot(threadId, count);
            Messages.Insert(message);
            return message.Position;
        }
        var (_, last) = SortKeys.RangeOf(threadId);
        var later = Messages.Query()
            .Where(SortKeys.Between(nameof(MessageDoc.Position), message.Position, last))
            .OrderBy(x => x.Position)
            .Select(x => x.Id)
            .ToList();
        var rank = count - later.Count;
        for (var i = 0; i < later.Count; i++)
            Messages.UpdateMany(
                BsonExpression.Create("{ Slot: @0 }", new BsonValue(SortKeys.Slot(threadId, rank + 1 + i))),
                BsonExpression.Create("_id = @0", new BsonValue(later[i])));
        message.Slot = SortKeys.Slot(threadId, rank);
        Messages.Insert(message);
        return later.Count == 0 ? message.Position : latest;
    }

    /// <summary>Brings the conversation's tag entries and tag counts from <paramref name="stored"/> to it.</summary>
    void Index(ConversationDoc conversation, ConversationDoc? stored)
    {
        var before = stored?.TagKeys.ToHashSet(StringComparer.Ordinal) ?? [];
        var after = conversation.TagKeys.ToHashSet(StringComparer.Ordinal);
        foreach (var key in before.Except(after)) TagEntries.Delete(key);
        foreach (var key in after.Except(before)) TagEntries.Insert(new TagEntryDoc { Id = key });

        var tagsBefore = stored?.Tags ?? [];
        foreach (var tag in tagsBefore.Except(conversation.Tags, StringComparer.Ordinal)) AddCount(TagCountKey(conversation.UserId, tag), -1);
        foreach (var tag in conversation.Tags.Except(tagsBefore, StringComparer.Ordinal)) AddCount(TagCountKey(conversation.UserId, tag), 1);

        foreach (var tag in tagsBefore.Union(conversation.Tags, StringComparer.Ordinal))
            Rank(TagEntries, SortKeys.TagRangeOf(conversation.UserId, tag),
                tagsBefore.Contains(tag) ? SortKeys.TagEntry(conversation.UserId, tag, stored!.ListKey) : null,
                conversation.Tags.Contains(tag) ? SortKeys.TagEntry(conversation.UserId, tag, conversation.ListKey) : null);
    }

    /// <summary>Once the write is committed, moves a key of the list in <paramref name="range"/>,
    /// if that list has been read (one that has not is read whole at its first read).</summary>
    void Rank<T>(ILiteCollection<T> collection, (string From, string To) range, string? removed, string? added)
    {
        if (removed == added) return;
        var id = (collection.Name, range.From);
        AfterCommit(() =>
        {
            if (rankedLists.TryGetValue(id, out var ranked)) ranked.Move(removed, added);
        });
    }

    /// <summary>Checked inside the write's transaction: a user deleted after its token was read
    /// (a reset) owns nothing new.</summary>
    void OwnerMustExist(string userId)
    {
        if (Users.FindById(userId) is null) throw new OwnerGoneException();
    }

    void AddCount(string key, int delta)
    {
        var count = CountOf(key) + delta;
        if (count == 0) Counts.Delete(key);
        else Counts.Upsert(new CountDoc { Id = key, Count = count });
    }

    /// <summary>Derives counts, slots and tag entries from the documents of a file written
    /// before they existed, once.</summary>
    void BuildListsOnce()
    {
        if (Counts.FindById(ListsBuilt) is null) RebuildLists();
    }

    /// <summary>Derives counts, slots and tag entries from the documents alone, for a writer
    /// that writes documents only (a bulk seeder, the reset); the ranked keys of every list are
    /// dropped, to be read again at the next read.</summary>
    public void RebuildLists() =>
        InTransaction(() =>
        {
            AfterCommit(rankedLists.Clear);
            Counts.DeleteAll();
            TagEntries.DeleteAll();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            void Add(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

            foreach (var conversation in Conversations.FindAll().ToList())
            {
                Add(ConversationCountKey(conversation.UserId));
                foreach (var tag in conversation.Tags) Add(TagCountKey(conversation.UserId, tag));
                TagEntries.InsertBulk(conversation.TagKeys.Select(key => new TagEntryDoc { Id = key }));
                (conversation.MessageCount, conversation.LatestPosition) = Renumber(conversation.Id);
                Conversations.Update(conversation);
            }
            foreach (var group in Groups.FindAll().ToList())
            {
                Add(GroupCountKey(group.OwnerId));
                (group.MessageCount, group.LatestPosition) = Renumber(group.Id);
                Groups.Update(group);
            }
            Counts.InsertBulk(counts.Select(c => new CountDoc { Id = c.Key, Count = c.Value }));
            Counts.Insert(new CountDoc { Id = ListsBuilt, Count = 1 });
            return true;
        });

    (int Count, string? Latest) Renumber(string threadId)
    {
        var (from, to) = SortKeys.RangeOf(threadId);
        var messages = Messages.Query()
            .Where(SortKeys.Between(nameof(MessageDoc.Position), from, to))
            .OrderBy(x => x.Position)
            .ToList();
        for (var i = 0; i < messages.Count; i++) messages[i].Slot = SortKeys.Slot(threadId, i);
        Messages.Update(messages);
        return (messages.Count, messages.LastOrDefault()?.Position);
    }
}
