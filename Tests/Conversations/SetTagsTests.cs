using System.Net;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Conversations;

public sealed class SetTagsTests(App app) : IClassFixture<App>
{
    static string Url(string id) => $"/api/conversations/{id}/tags";

    [Fact]
    public async Task Trims_removes_duplicates_keeps_first_order_and_bumps_updated_at()
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "tagged" });
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await user.Http.SendJsonAsync(HttpMethod.Patch, Url((string)created["id"]!),
            new { tags = new[] { " 工作 ", "b", "工作", "a", "b ", "Work", "work" } });

        var data = await response.AssertDataAsync();
        Assert.Equal(ConversationSteps.ConversationFields, data.Keys());
        Assert.Equal(["工作", "b", "a", "Work", "work"], data["tags"].Strings());
        Assert.Equal((string?)created["title"], (string?)data["title"]);
        Assert.Equal((string?)created["created_at"], (string?)data["created_at"]);
        Assert.Equal(Timestamps.Format(app.Time.GetUtcNow().UtcDateTime), (string?)data["updated_at"]);
        Assert.Equal(data.ToJsonString(), (await user.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Fact]
    public async Task Replaces_the_whole_set_and_an_empty_array_clears_it()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");
        await user.SetTagsAsync(id, "a", "b");

        var replaced = await user.SetTagsAsync(id, "c");
        Assert.Equal(["c"], replaced["tags"].Strings());

        var cleared = await user.SetTagsAsync(id);
        Assert.Empty(cleared["tags"]!.AsArray());
        Assert.Empty((await user.GetConversationAsync(id))["tags"]!.AsArray());
    }

    [Fact]
    public async Task Moves_the_conversation_to_the_top_of_the_list()
    {
        var user = await app.NewUserAsync();
        var first = await user.CreateConversationIdAsync("first");
        await user.CreateConversationIdAsync("second");

        await user.SetTagsAsync(first, "t");

        Assert.Equal(["first", "second"], await user.ListTitlesAsync());
    }

    [Fact]
    public async Task Accepts_a_tag_of_50_characters_and_rejects_51()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");

        var ok = await user.SetTagsAsync(id, " " + new string('a', 50) + " ");
        var tooLong = await user.Http.SendJsonAsync(HttpMethod.Patch, Url(id), new { tags = new[] { "b", new string('c', 51) } });

        Assert.Equal([new string('a', 50)], ok["tags"].Strings());
        var error = await tooLong.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["each tag must be at most 50 characters"], error["errors"]!["tags"].Strings());
        Assert.Equal([new string('a', 50)], (await user.GetConversationAsync(id))["tags"].Strings());
    }

    [Fact]
    public async Task Counts_the_20_tag_limit_after_removing_duplicates()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");
        var twenty = Enumerable.Range(1, 20).Select(i => $"t{i}").ToArray();

        var data = await user.SetTagsAsync(id, [.. twenty, "t1", " t20 "]);

        Assert.Equal(twenty, data["tags"].Strings());
    }

    [Fact]
    public async Task Rejects_21_distinct_tags_and_changes_nothing()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");
        var before = await user.SetTagsAsync(id, "kept");

        var response = await user.Http.SendJsonAsync(HttpMethod.Patch, Url(id),
            new { tags = Enumerable.Range(1, 21).Select(i => $"t{i}").ToArray() });

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["at most 20 distinct tags"], error["errors"]!["tags"].Strings());
        Assert.Equal(before.ToJsonString(), (await user.GetConversationAsync(id)).ToJsonString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"tags":null}""")]
    [InlineData("""{"tags":"a"}""")]
    [InlineData("""{"tags":{"a":1}}""")]
    [InlineData("""{"tags":42}""")]
    [InlineData("""{"tags":[""]}""")]
    [InlineData("""{"tags":["ok","   "]}""")]
    [InlineData("""{"tags":["ok",null]}""")]
    [InlineData("""{"tags":["ok",42]}""")]
    [InlineData("""{"tags":[["nested"]]}""")]
    [InlineData("""{"tags":[{"tag":"x"}]}""")]
    public async Task Rejects_missing_blank_or_non_string_tags_and_changes_nothing(string body)
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");
        var before = await user.SetTagsAsync(id, "kept");
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await user.Http.SendRawAsync(HttpMethod.Patch, Url(id), body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains(error["errors"]!.AsObject(), p => p.Key.StartsWith("tags"));
        Assert.Equal(before.ToJsonString(), (await user.GetConversationAsync(id)).ToJsonString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[\"a\"]")]
    [InlineData("42")]
    public async Task Rejects_a_body_that_is_not_a_JSON_object(string body)
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");

        var response = await user.Http.SendRawAsync(HttpMethod.Patch, Url(id), body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await user.GetConversationAsync(id))["tags"]!.AsArray());
    }

    [Fact]
    public async Task Another_user_gets_404_and_the_tags_are_unchanged()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var id = await owner.CreateConversationIdAsync("mine");
        var before = await owner.SetTagsAsync(id, "mine");
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await other.Http.SendJsonAsync(HttpMethod.Patch, Url(id), new { tags = new[] { "stolen" } });

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
        Assert.Equal(before.ToJsonString(), (await owner.GetConversationAsync(id)).ToJsonString());
        Assert.Empty((await (await other.Http.GetAsync("/api/tags")).AssertDataAsync()).AsArray());
    }
}
