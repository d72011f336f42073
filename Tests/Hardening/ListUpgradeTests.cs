using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests.Hardening;

/// <summary>A database file written before the list counts existed (documents only) gets its
/// counts, message slots and tag entries derived once, when it is opened.</summary>
public sealed class ListUpgradeTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("chatfake-upgrade-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void An_earlier_file_is_given_its_counts_slots_and_tag_entries_when_opened()
    {
        var path = Path.Combine(directory, "old.db");
        var userId = Guid.NewGuid().ToString();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var conversations = Enumerable.Range(0, 5).Select(i =>
        {
            var c = new ConversationDoc
            {
                Id = Guid.NewGuid().ToString(), UserId = userId, Title = $"c{i}", ModelId = "gpt-4",
                Tags = i % 2 == 0 ? ["even", "all"] : ["all"], CreatedAt = start.AddMinutes(i),
            };
            c.Touch(start.AddMinutes(i));
            return c;
        }).ToList();
        var group = new GroupDoc { Id = Guid.NewGuid().ToString(), Name = "g", OwnerId = userId, BotIds = ["bot-cs"], CreatedAt = start };
        group.Touch(start);
        // Stored newest first, as an earlier version could have: only Position gives the order.
        var messages = Enumerable.Range(0, 7).Select(i => new MessageDoc
        {
            Id = Guid.NewGuid().ToString(), ConversationId = conversations[0].Id, Content = $"m{i}",
            CreatedAt = start.AddSeconds(i), Position = MessageDoc.PositionOf(conversations[0].Id, start.AddSeconds(i)),
        }).Reverse().ToList();
        using (var old = Open(path))
        {
            old.Conversations.InsertBulk(conversations);
            old.Groups.Insert(group);
            old.Messages.InsertBulk(messages);
            // What an earlier version never wrote.
            old.Counts.DeleteAll();
            old.TagEntries.DeleteAll();
        }

        using var db = Open(path);

        Assert.Equal(5, db.CountOf(ChatDb.ConversationCountKey(userId)));
        Assert.Equal(1, db.CountOf(ChatDb.GroupCountKey(userId)));
        Assert.Equal(5, db.CountOf(ChatDb.TagCountKey(userId, "all")));
        Assert.Equal(3, db.CountOf(ChatDb.TagCountKey(userId, "even")));
        Assert.Equal(8, db.TagEntries.Count());
        Assert.Equal(7, db.Conversations.FindById(conversations[0].Id).MessageCount);
        var page = Paging.Messages(db, conversations[0].Id, 7, new PageRequest(2, 3));
        Assert.Equal(["m3", "m4", "m5"], page.Select(m => m.Content));
    }

    static ChatDb Open(string path) => new(Options.Create(new DatabaseOptions { Path = path }));
}
