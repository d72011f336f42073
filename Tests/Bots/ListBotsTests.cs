using System.Net;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Groups;

namespace ChatFake.Tests.Bots;

public sealed class ListBotsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Lists_the_seeded_bots_sorted_by_id_with_exactly_the_bot_fields()
    {
        var user = await app.NewUserAsync();

        var bots = (await (await user.Http.GetAsync("/api/bots")).AssertDataAsync()).AsArray();

        Assert.Equal(GroupSetup.SeededBotIds, bots.Select(b => (string?)b!["id"]));
        foreach (var bot in bots)
        {
            Assert.Equal(["id", "name", "personality", "description", "response_tendency"], bot!.AsObject().Select(p => p.Key));
            Assert.All(bot.AsObject(), p => Assert.False(string.IsNullOrWhiteSpace((string?)p.Value)));
        }
        Assert.Equal("幽默机器人", (string?)bots[1]!["name"]);
        Assert.Equal("风趣、幽默", (string?)bots[1]!["personality"]);
    }

    [Fact]
    public async Task Sorts_ids_ordinally_not_by_culture()
    {
        using var own = new App();
        // Ordinal puts "bot-Z" before "bot-a" (Z is U+005A, a is U+0061); a culture-aware sort would not.
        own.Db().Bots.Insert(new BotDoc { Id = "bot-a", Name = "a" });
        own.Db().Bots.Insert(new BotDoc { Id = "bot-Z", Name = "Z" });
        var user = await own.NewUserAsync();

        var bots = (await (await user.Http.GetAsync("/api/bots")).AssertDataAsync()).AsArray();

        Assert.Equal(["bot-Z", "bot-a", "bot-cs", "bot-funny", "bot-tech"], bots.Select(b => (string?)b!["id"]));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        await (await app.Anonymous().GetAsync("/api/bots")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
