using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Tests.Groups;

public sealed class CreateTests(App app) : IClassFixture<App>
{
    const string Url = "/api/group-conversations";

    [Fact]
    public async Task Creates_the_group_with_its_bots_deduplicated_and_sorted_by_id()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync(Url,
            new { name = "  产品讨论组  ", botIds = new[] { "bot-tech", "bot-cs", "bot-funny", "bot-cs" }, extra = 1 });

        var group = (await response.AssertDataAsync(HttpStatusCode.Created)).AsObject();
        Assert.Equal(["id", "name", "owner_id", "bots", "created_at", "updated_at"], group.Select(p => p.Key));
        Assert.Equal("产品讨论组", (string?)group["name"]);
        Assert.Equal(user.Id, (string?)group["owner_id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)group["created_at"]);
        Assert.Equal((string?)group["created_at"], (string?)group["updated_at"]);

        var bots = group["bots"]!.AsArray();
        Assert.Equal(GroupSetup.SeededBotIds, bots.Select(b => (string?)b!["id"]));
        Assert.Equal(["id", "name", "personality", "description", "response_tendency"], bots[0]!.AsObject().Select(p => p.Key));
        // The same objects as GET /api/bots (which may list extra bots another test of this class added).
        var listed = (await (await user.Http.GetAsync("/api/bots")).AssertDataAsync()).AsArray()
            .Where(b => GroupSetup.SeededBotIds.Contains((string?)b!["id"]));
        Assert.Equal(listed.Select(b => b!.ToJsonString()), bots.Select(b => b!.ToJsonString()));

        var stored = app.Db().Groups.FindById((string)group["id"]!);
        Assert.Equal(GroupSetup.SeededBotIds, stored.BotIds);
        Assert.Equal("产品讨论组", stored.Name);
        Assert.Equal(user.Id, stored.OwnerId);
    }

    [Fact]
    public async Task Accepts_a_name_of_exactly_100_characters_after_trimming()
    {
        var user = await app.NewUserAsync();
        var name = new string('名', 100);

        var response = await user.Http.PostAsJsonAsync(Url, new { name = $" {name}\t", botIds = new[] { "bot-cs" } });

        Assert.Equal(name, (string?)(await response.AssertDataAsync(HttpStatusCode.Created))["name"]);
    }

    [Theory]
    [InlineData("""{"botIds":["bot-cs"]}""", "name")]
    [InlineData("""{"name":null,"botIds":["bot-cs"]}""", "name")]
    [InlineData("""{"name":"","botIds":["bot-cs"]}""", "name")]
    [InlineData("""{"name":"  \t ","botIds":["bot-cs"]}""", "name")]
    [InlineData("""{"name":"team"}""", "botIds")]
    [InlineData("""{"name":"team","botIds":null}""", "botIds")]
    [InlineData("""{"name":"team","botIds":[]}""", "botIds")]
    [InlineData("""{"name":"team","botIds":["bot-cs","bot-nope"]}""", "botIds")]
    [InlineData("""{"name":"team","botIds":["BOT-CS"]}""", "botIds")]
    [InlineData("""{"name":"team","botIds":[null]}""", "botIds")]
    [InlineData("""{}""", "name")]
    public async Task Rejects_invalid_fields_with_their_errors_and_stores_nothing(string body, string field)
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.SendRawAsync(HttpMethod.Post, Url, body)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(error["errors"]![field]!.AsArray());
        Assert.Equal(0, app.Db().Groups.Count(x => x.OwnerId == user.Id));
    }

    [Fact]
    public async Task Rejects_a_name_of_101_characters()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync(Url, new { name = new string('a', 101), botIds = new[] { "bot-cs" } });

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["name"]);
        Assert.Equal(0, app.Db().Groups.Count(x => x.OwnerId == user.Id));
    }

    [Fact]
    public async Task Names_every_unknown_bot_id()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync(Url, new { name = "team", botIds = new[] { "bot-x", "bot-cs", "bot-y", "bot-x" } });

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["unknown bot id \"bot-x\"", "unknown bot id \"bot-y\""], error["errors"]!["botIds"]!.AsArray().Select(m => (string?)m));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"team\"")]
    [InlineData("""{"name":""")]
    [InlineData("""{"name":42,"botIds":["bot-cs"]}""")]
    [InlineData("""{"name":["team"],"botIds":["bot-cs"]}""")]
    [InlineData("""{"name":"team","botIds":"bot-cs"}""")]
    [InlineData("""{"name":"team","botIds":{"0":"bot-cs"}}""")]
    [InlineData("""{"name":"team","botIds":[1]}""")]
    public async Task Rejects_bodies_that_are_not_an_object_or_have_wrongly_typed_fields(string body)
    {
        var user = await app.NewUserAsync();

        await (await user.Http.SendRawAsync(HttpMethod.Post, Url, body)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.Equal(0, app.Db().Groups.Count(x => x.OwnerId == user.Id));
    }

    [Fact]
    public async Task Allows_10_distinct_bots_counted_after_duplicates_are_removed_and_rejects_11()
    {
        // Only 3 bots are seeded: this class's own app gets 8 more, enough for 11 distinct ids.
        var extra = Enumerable.Range(1, 8).Select(i => new BotDoc { Id = $"bot-extra-{i:D2}", Name = $"Extra {i}" }).ToList();
        app.Db().Bots.Upsert(extra);
        var eleven = GroupSetup.SeededBotIds.Concat(extra.Select(b => b.Id)).ToArray();
        var user = await app.NewUserAsync();

        var ten = eleven[..10].Concat(eleven[..4]).ToArray();
        var created = await user.CreateGroupAsync("ten", ten);
        Assert.Equal(eleven[..10].Order(StringComparer.Ordinal), created["bots"]!.AsArray().Select(b => (string)b!["id"]!));

        var response = await user.Http.PostAsJsonAsync(Url, new { name = "eleven", botIds = eleven });
        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["botIds"]);
        Assert.Equal(1, app.Db().Groups.Count(x => x.OwnerId == user.Id));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var response = await app.Anonymous().PostAsJsonAsync(Url, new { name = "team", botIds = new[] { "bot-cs" } });
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
