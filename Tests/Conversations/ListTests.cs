using System.Net;
using System.Text.Json.Nodes;

namespace ChatFake.Tests.Conversations;

public sealed class ListTests(App app) : IClassFixture<App>
{
    static async Task<JsonNode> ListAsync(UserClient user, string query = "")
    {
        var response = await user.Http.GetAsync($"/api/conversations{query}");
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True((bool)body["success"]!);
        return body;
    }

    static async Task CreateManyAsync(UserClient user, int count)
    {
        for (var i = 1; i <= count; i++) await user.CreateConversationIdAsync($"c{i}");
    }

    static string[] Titles(JsonNode body) => body["data"]!.AsArray().Select(c => (string)c!["title"]!).ToArray();

    [Fact]
    public async Task An_empty_list_has_zero_pages()
    {
        var user = await app.NewUserAsync();

        var body = await ListAsync(user);

        Assert.Equal("""{"success":true,"data":[],"pagination":{"page":1,"limit":20,"total":0,"totalPages":0}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Lists_the_users_conversations_newest_first_in_the_conversation_shape()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        await user.CreateConversationIdAsync("oldest");
        await other.CreateConversationIdAsync("someone else's");
        await user.CreateConversationIdAsync("middle");
        var newest = await user.CreateConversationAsync(new { title = "newest", modelId = "gpt-4" });

        var body = await ListAsync(user);

        Assert.Equal(["newest", "middle", "oldest"], Titles(body));
        Assert.Equal(newest.ToJsonString(), body["data"]![0]!.ToJsonString());
        Assert.Equal("""{"page":1,"limit":20,"total":3,"totalPages":1}""", body["pagination"]!.ToJsonString());
    }

    [Fact]
    public async Task A_rename_moves_a_conversation_to_the_top()
    {
        var user = await app.NewUserAsync();
        var a = await user.CreateConversationIdAsync("a");
        await user.CreateConversationIdAsync("b");
        await user.CreateConversationIdAsync("c");
        app.Time.Advance(TimeSpan.FromSeconds(1));

        await (await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{a}", new { title = "a2" })).AssertDataAsync();

        Assert.Equal(["a2", "c", "b"], Titles(await ListAsync(user)));
    }

    [Fact]
    public async Task Pages_default_to_20_items()
    {
        var user = await app.NewUserAsync();
        await CreateManyAsync(user, 21);

        var first = await ListAsync(user);
        var second = await ListAsync(user, "?page=2");

        Assert.Equal(Enumerable.Range(2, 20).Reverse().Select(i => $"c{i}"), Titles(first));
        Assert.Equal("""{"page":1,"limit":20,"total":21,"totalPages":2}""", first["pagination"]!.ToJsonString());
        Assert.Equal(["c1"], Titles(second));
        Assert.Equal("""{"page":2,"limit":20,"total":21,"totalPages":2}""", second["pagination"]!.ToJsonString());
    }

    [Fact]
    public async Task Pages_through_with_limit_1_and_past_the_end_is_empty()
    {
        var user = await app.NewUserAsync();
        await CreateManyAsync(user, 3);

        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await ListAsync(user, $"?page={page}&limit=1");
            Assert.Equal($$"""{"page":{{page}},"limit":1,"total":3,"totalPages":3}""", body["pagination"]!.ToJsonString());
            pages.AddRange(Titles(body));
        }
        var pastTheEnd = await ListAsync(user, "?page=4&limit=1");

        Assert.Equal(["c3", "c2", "c1"], pages);
        Assert.Empty(Titles(pastTheEnd));
        Assert.Equal("""{"page":4,"limit":1,"total":3,"totalPages":3}""", pastTheEnd["pagination"]!.ToJsonString());
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(5, 1)]
    [InlineData(100, 1)]
    [InlineData(4, 2)]
    public async Task Total_pages_is_the_ceiling_of_total_over_limit(int limit, int totalPages)
    {
        var user = await app.NewUserAsync();
        await CreateManyAsync(user, 5);

        var body = await ListAsync(user, $"?limit={limit}");

        Assert.Equal($$"""{"page":1,"limit":{{limit}},"total":5,"totalPages":{{totalPages}}}""", body["pagination"]!.ToJsonString());
        Assert.Equal(Math.Min(limit, 5), Titles(body).Length);
    }

    [Fact]
    public async Task Empty_values_count_as_absent()
    {
        var user = await app.NewUserAsync();
        await CreateManyAsync(user, 2);
        var other = await user.CreateConversationIdAsync("tagged");
        await user.SetTagsAsync(other, "t");

        var body = await ListAsync(user, "?page=&limit=&tag=");

        Assert.Equal(["tagged", "c2", "c1"], Titles(body));
        Assert.Equal("""{"page":1,"limit":20,"total":3,"totalPages":1}""", body["pagination"]!.ToJsonString());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?page=1.5", "page")]
    [InlineData("?page=%201", "page")]
    [InlineData("?page=99999999999", "page")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?limit=1.5", "limit")]
    [InlineData("?limit=1e2", "limit")]
    public async Task Rejects_a_page_or_limit_that_is_not_a_whole_number_in_range(string query, string field)
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync($"/api/conversations{query}");

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], error["errors"]!.Keys());
    }

    [Fact]
    public async Task Filters_by_exact_tag_newest_first_with_its_own_total()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var a = await user.CreateConversationIdAsync("a");
        var b = await user.CreateConversationIdAsync("b");
        var c = await user.CreateConversationIdAsync("c");
        var d = await user.CreateConversationIdAsync("d");
        var foreign = await other.CreateConversationIdAsync("foreign");
        await user.SetTagsAsync(a, "工作", "x");
        await user.SetTagsAsync(c, "工作");
        await user.SetTagsAsync(b, "Work");
        await user.SetTagsAsync(d, "工作 2");
        await other.SetTagsAsync(foreign, "工作");

        var all = await ListAsync(user, "?tag=" + Uri.EscapeDataString("工作"));
        var page2 = await ListAsync(user, "?limit=1&page=2&tag=" + Uri.EscapeDataString("工作"));

        Assert.Equal(["c", "a"], Titles(all));
        Assert.Equal("""{"page":1,"limit":20,"total":2,"totalPages":1}""", all["pagination"]!.ToJsonString());
        Assert.Equal(["a"], Titles(page2));
        Assert.Equal("""{"page":2,"limit":1,"total":2,"totalPages":2}""", page2["pagination"]!.ToJsonString());
    }

    [Fact]
    public async Task The_tag_filter_is_case_sensitive()
    {
        var user = await app.NewUserAsync();
        var upper = await user.CreateConversationIdAsync("upper");
        var lower = await user.CreateConversationIdAsync("lower");
        await user.SetTagsAsync(upper, "Work");
        await user.SetTagsAsync(lower, "work");

        Assert.Equal(["upper"], Titles(await ListAsync(user, "?tag=Work")));
        Assert.Equal(["lower"], Titles(await ListAsync(user, "?tag=work")));
        Assert.Empty(Titles(await ListAsync(user, "?tag=WORK")));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        await (await app.Anonymous().GetAsync("/api/conversations")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
