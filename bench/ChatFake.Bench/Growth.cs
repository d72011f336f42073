extern alias app;

using System.Diagnostics;
using System.Text.Json;
using app::ChatFake.Infrastructure.Auth;
using app::ChatFake.Infrastructure.Data;
using ChatFake.Client;

namespace ChatFake.Bench;

/// <summary>The lists one growth database holds, each with <c>Size</c> items, and who owns them.</summary>
public sealed record GrowthData(int Size, string Email, string Password, string ConversationId, string GroupId, string Tag);

/// <summary>
/// How list routes cost as a user's data grows: <c>seed</c> writes a database with every list
/// at one size (in bulk, through ChatDb's own counted writes, before the server opens the file);
/// <c>measure</c> then asks the running server for page 1 and the middle page of each list,
/// one request at a time, through the API.
/// </summary>
public static class Growth
{
    public const string Password = "growth-password";
    const string Tag = "growth";
    const int Batch = 5_000;

    public static GrowthData Seed(string databasePath, int size)
    {
        using var db = new ChatDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Path = databasePath }));
        var clock = new Clock(TimeProvider.System);
        var now = clock.Now();
        var user = new UserDoc
        {
            Id = Guid.NewGuid().ToString(), Username = $"growth{size}", UsernameKey = $"growth{size}",
            Email = $"growth{size}@bench.test", PasswordHash = Passwords.Hash(Password), CreatedAt = now, UpdatedAt = now,
        };
        db.Users.Insert(user);

        // Every conversation of the user carries the tag: the user's list and the tag's list both hold `size`.
        var thread = Conversation(user.Id, clock, [Tag]);
        InBatches(db, size - 1, _ => db.InsertConversationAsync(Conversation(user.Id, clock, [Tag])));
        db.InsertConversationAsync(thread).GetAwaiter().GetResult();

        var group = new GroupDoc { Id = Guid.NewGuid().ToString(), Name = "growth", OwnerId = user.Id, BotIds = ["bot-cs"], CreatedAt = now };
        group.Touch(clock.Now());
        db.InsertGroupAsync(group).GetAwaiter().GetResult();
        InBatches(db, size - 1, _ =>
        {
            var other = new GroupDoc { Id = Guid.NewGuid().ToString(), Name = "growth", OwnerId = user.Id, BotIds = ["bot-cs"], CreatedAt = now };
            other.Touch(clock.Now());
            db.InsertGroupAsync(other);
        });

        InBatches(db, size, i => db.AppendMessageAsync(Message(clock, i, conversationId: thread.Id, groupId: null)));
        InBatches(db, size, i => db.AppendMessageAsync(Message(clock, i, conversationId: null, groupId: group.Id)));
        return new GrowthData(size, user.Email, Password, thread.Id, group.Id, Tag);
    }

    static ConversationDoc Conversation(string userId, Clock clock, List<string> tags)
    {
        var at = clock.Now();
        var conversation = new ConversationDoc
        {
            Id = Guid.NewGuid().ToString(), UserId = userId, Title = "growth", ModelId = "gpt-4", Tags = tags, CreatedAt = at,
        };
        conversation.Touch(at);
        return conversation;
    }

    static MessageDoc Message(Clock clock, int i, string? conversationId, string? groupId)
    {
        var at = clock.Now();
        return new MessageDoc
        {
            Id = Guid.NewGuid().ToString(), ConversationId = conversationId, GroupConversationId = groupId,
            SenderId = "growth", SenderType = i % 2 == 0 ? MessageDoc.User : MessageDoc.Bot, SenderName = "growth",
            Content = $"growth message {i}", CreatedAt = at, Position = MessageDoc.PositionOf(conversationId ?? groupId!, at),
        };
    }

    static void InBatches(ChatDb db, int count, Action<int> write)
    {
        for (var from = 0; from < count; from += Batch)
            db.InTransaction(() =>
            {
                for (var i = from; i < Math.Min(count, from + Batch); i++) write(i);
                return true;
            });
    }

    public sealed record ListCost(string List, int Size, string Page, int PageNumber, Latency Latency);

    /// <summary>Page 1 and the middle page of every list, <paramref name="requests"/> times each, after a warm-up.</summary>
    public static async Task<List<ListCost>> MeasureAsync(Setup setup, GrowthData data, int requests, CancellationToken ct)
    {
        var user = await setup.LoginAsync(data.Email, data.Password, ct);
        var lists = new (string Name, int Limit, Func<int, Task<int>> Read)[]
        {
            ("conversation messages", 50, async p => (await user.Api.MessagesListAsync(data.ConversationId, p, 50, ct)).Data.Count),
            ("conversations", 20, async p => (await user.Api.ConversationsListAsync(null, p, 20, ct)).Data.Count),
            ("conversations ?tag=", 20, async p => (await user.Api.ConversationsListAsync(data.Tag, p, 20, ct)).Data.Count),
            ("groups", 20, async p => (await user.Api.GroupsListAsync(p, 20, ct)).Data.Count),
            ("group messages", 50, async p => (await user.Api.GroupsMessagesListAsync(data.GroupId, p, 50, ct)).Data.Count),
        };
        var costs = new List<ListCost>();
        foreach (var (name, limit, read) in lists)
        {
            var middle = Math.Max(1, (data.Size / limit + 1) / 2);
            foreach (var (label, page) in new[] { ("page 1", 1), ("middle page", middle) })
            {
                for (var i = 0; i < 20; i++) await read(page);
                var samples = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (await read(page) != limit) throw new UnexpectedResponse($"{name} page {page} of {data.Size} is not full");
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                costs.Add(new ListCost(name, data.Size, label, page, Latency.Of(samples)));
            }
        }
        return costs;
    }

    public static string Table(IEnumerable<ListCost> costs)
    {
        var rows = costs.GroupBy(c => (c.List, c.Page)).ToList();
        var sizes = costs.Select(c => c.Size).Distinct().Order().ToList();
        var text = new System.Text.StringBuilder()
            .AppendLine($"| list | page | {string.Join(" | ", sizes.Select(s => $"{s:N0} items p50 / p99 ms"))} | p50 at {sizes[^1]:N0} ÷ page 1 p50 at {sizes[0]:N0} |")
            .AppendLine($"|---|---|{string.Concat(sizes.Select(_ => "---:|"))}---:|");
        foreach (var row in rows)
        {
            var bySize = row.ToDictionary(c => c.Size);
            var firstPage = costs.Single(c => c.List == row.Key.List && c.Page == "page 1" && c.Size == sizes[0]).Latency.P50Ms;
            text.AppendLine($"| {row.Key.List} | {row.Key.Page} | " +
                string.Join(" | ", sizes.Select(s => bySize.TryGetValue(s, out var c) ? $"{c.Latency.P50Ms:F2} / {c.Latency.P99Ms:F2} (p. {c.PageNumber})" : "-")) +
                $" | {(bySize.TryGetValue(sizes[^1], out var last) ? $"{last.Latency.P50Ms / firstPage:F1}×" : "-")} |");
        }
        return text.ToString();
    }

    public static void Write(string path, GrowthData data) => File.WriteAllText(path, JsonSerializer.Serialize(data));

    public static GrowthData Read(string path) => JsonSerializer.Deserialize<GrowthData>(File.ReadAllText(path))!;
}
