using System.Net;

namespace ChatFake.Tests.Groups;

public sealed class ListTests(App app) : IClassFixture<App>
{
    const string Url = "/api/group-conversations";

    [Fact]
    public async Task Lists_only_the_users_own_groups_newest_first_with_default_paging()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await user.CreateGroupAsync($"group {i}"))["id"]!);
            await other.CreateGroupAsync($"foreign {i}");
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var response = await user.Http.GetAsync(Url);

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["success", "data", "pagination"], body.AsObject().Select(p => p.Key));
        Assert.Equal("""{"page":1,"limit":20,"total":3,"totalPages":1}""", body["pagination"]!.ToJsonString());
        var groups = body["data"]!.AsArray();
        Assert.Equal(Enumerable.Reverse(ids), groups.Select(g => (string?)g!["id"]));
        Assert.All(groups, g => Assert.Equal(user.Id, (string?)g!["owner_id"]));
        Assert.Equal(["id", "name", "owner_id", "bots", "created_at", "updated_at"], groups[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(GroupSetup.SeededBotIds, groups[0]!["bots"]!.AsArray().Select(b => (string?)b!["id"]));
    }

    [Fact]
    public async Task Orders_by_updated_at_not_created_at()
    {
        var user = await app.NewUserAsync();
        var older = (string)(await user.CreateGroupAsync("older"))["id"]!;
        var newer = (string)(await user.CreateGroupAsync("newer"))["id"]!;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/group-conversations/{older}/messages", new { content = "bump" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var groups = (await (await user.Http.GetAsync(Url)).AssertDataAsync()).AsArray();

        Assert.Equal([older, newer], groups.Select(g => (string?)g!["id"]));
        Assert.NotEqual((string?)groups[0]!["created_at"], (string?)groups[0]!["updated_at"]);
    }

    [Fact]
    public async Task Pages_through_the_list_with_totalPages_rounded_up()
    {
        var user = await app.NewUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((string)(await user.CreateGroupAsync($"g{i}"))["id"]!);
        ids.Reverse();

        var pages = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await (await user.Http.GetAsync($"{Url}?page={page}&limit=2")).ReadJsonAsync();
            Assert.Equal($$"""{"page":{{page}},"limit":2,"total":5,"totalPages":3}""", body["pagination"]!.ToJsonString());
            pages.AddRange(body["data"]!.AsArray().Select(g => (string)g!["id"]!));
            Assert.Equal(page switch { 3 => 1, 4 => 0, _ => 2 }, body["data"]!.AsArray().Count);
        }
        Assert.Equal(ids, pages);
    }

    [Fact]
    public async Task An_empty_list_has_zero_pages()
    {
        var user = await app.NewUserAsync();

        var body = await (await user.Http.GetAsync(Url)).ReadJsonAsync();

        Assert.Equal("""{"success":true,"data":[],"pagination":{"page":1,"limit":20,"total":0,"totalPages":0}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Empty_query_values_count_as_absent()
    {
        var user = await app.NewUserAsync();
        await user.CreateGroupAsync();

        var body = await (await user.Http.GetAsync($"{Url}?page=&limit=")).ReadJsonAsync();

        Assert.Equal("""{"page":1,"limit":20,"total":1,"totalPages":1}""", body["pagination"]!.ToJsonString());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("limit=-1")]
    public async Task Rejects_paging_values_that_are_not_whole_numbers_in_range(string query)
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.GetAsync($"{Url}?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(error["errors"]![query.Split('=')[0]]);
    }

    [Fact]
    public async Task Accepts_limit_100()
    {
        var user = await app.NewUserAsync();

        var body = await (await user.Http.GetAsync($"{Url}?limit=100")).ReadJsonAsync();

        Assert.Equal(100, (int)body["pagination"]!["limit"]!);
    }

    [Fact]
    public async Task Requires_a_token()
    {
        await (await app.Anonymous().GetAsync(Url)).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
