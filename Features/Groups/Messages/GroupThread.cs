using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using LiteDB;

namespace ChatFake.Features.Groups.Messages;

/// <summary>A group as its send and stream routes see it: its bots answer in turn.</summary>
static class GroupThread
{
    /// <summary>The group, if it exists and belongs to <paramref name="userId"/>.</summary>
    public static Audience? Find(ChatDb db, string id, string userId) =>
        db.GroupOf(id, userId) is { } group
            ? new(ChatThread.Of(db, group), (content, script) => BotsOf(db, group).Select(bot => Responder.Bot(bot, script.ForBot(bot.Id, content))).ToList())
            : null;

    /// <summary>The group's bots in the order they answer: by id, ordinal.</summary>
    static IEnumerable<BotDoc> BotsOf(ChatDb db, GroupDoc group) =>
        db.Bots.Find(Query.In("_id", group.BotIds.Select(id => new BsonValue(id)).ToList()))
            .OrderBy(b => b.Id, StringComparer.Ordinal);
}
