using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Bots.ListBots;

static class Data
{
    // The bot catalogue is a handful of seeded rows; sorting in memory keeps the order ordinal
    // whatever collation the database file was created with.
    public static IReadOnlyList<BotDto> AllBots(ChatDb db) =>
        db.Bots.FindAll().OrderBy(b => b.Id, StringComparer.Ordinal).Select(BotDto.From).ToList();
}
