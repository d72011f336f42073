using System.Net;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Conversations;

public sealed class RenameTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Stores_the_trimmed_title_and_bumps_updated_at()
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "old", modelId = "gpt-4" });
        app.Time.Advance(TimeSpan.FromMinutes(5));

        var response = await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{created["id"]}", new { title = "  new title  " });

        var data = await response.AssertDataAsync();
        Assert.Equal(ConversationSteps.ConversationFields, data.Keys());
        Assert.Equal("new title", (string?)data["title"]);
        Assert.Equal("gpt-4", (string?)data["model_id"]);
        Assert.Equal((string?)created["created_at"], (string?)data["created_at"]);
        Assert.Equal(Timestamps.Format(app.Time.GetUtcNow().UtcDateTime), (string?)data["updated_at"]);
        Assert.Equal(data.ToJsonString(), (await user.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Fact]
    public async Task Moves_the_conversation_to_the_top_of_the_list()
    {
        var user = await app.NewUserAsync();
        var first = await user.CreateConversationIdAsync("first");
        await user.CreateConversationIdAsync("second");

        await (await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{first}", new { title = "first, renamed" })).AssertDataAsync();

        Assert.Equal(["first, renamed", "second"], await user.ListTitlesAsync());
    }

    [Fact]
    public async Task Accepts_200_characters_and_rejects_201()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");

        var ok = await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = new string('a', 200) + " " });
        var tooLong = await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = new string('b', 201) });

        Assert.Equal(new string('a', 200), (string?)(await ok.AssertDataAsync())["title"]);
        var error = await tooLong.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["title must be at most 200 characters"], error["errors"]!["title"].Strings());
        Assert.Equal(new string('a', 200), (string?)(await user.GetConversationAsync(id))["title"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"title":null}""")]
    [InlineData("""{"title":""}""")]
    [InlineData("""{"title":"   "}""")]
    [InlineData("""{"title":42}""")]
    [InlineData("""{"title":false}""")]
    [InlineData("""{"title":["x"]}""")]
    public async Task Rejects_a_missing_blank_or_non_string_title_and_changes_nothing(string body)
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "keep me" });
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await user.Http.SendRawAsync(HttpMethod.Patch, $"/api/conversations/{created["id"]}", body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["title"]);
        Assert.Equal(created.ToJsonString(), (await user.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"title\":\"x\"")]
    public async Task Rejects_a_body_that_is_not_a_JSON_object(string body)
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "keep me" });

        var response = await user.Http.SendRawAsync(HttpMethod.Patch, $"/api/conversations/{created["id"]}", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(created.ToJsonString(), (await user.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Fact]
    public async Task Another_user_gets_404_and_the_conversation_is_unchanged()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var created = await owner.CreateConversationAsync(new { title = "mine" });
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await other.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{created["id"]}", new { title = "stolen" });

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
        Assert.Equal(created.ToJsonString(), (await owner.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Fact]
    public async Task A_missing_conversation_is_404()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{Guid.NewGuid()}", new { title = "x" });

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }
}
