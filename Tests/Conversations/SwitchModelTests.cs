using System.Net;
using ChatFake.Infrastructure.Http;
using ChatFake.Tests.Models;

namespace ChatFake.Tests.Conversations;

public sealed class SwitchModelTests(App app) : IClassFixture<App>
{
    static string Url(string id) => $"/api/conversations/{id}/model";

    [Fact]
    public async Task Switches_the_model_and_bumps_updated_at()
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "x" });
        var id = (string)created["id"]!;
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await user.Http.SendJsonAsync(HttpMethod.Put, Url(id), new { modelId = "claude-3-opus" });

        Assert.Equal("""{"modelId":"claude-3-opus"}""", (await response.AssertDataAsync()).ToJsonString());
        var conversation = await user.GetConversationAsync(id);
        Assert.Equal("claude-3-opus", (string?)conversation["model_id"]);
        Assert.Equal((string?)created["created_at"], (string?)conversation["created_at"]);
        Assert.Equal(Timestamps.Format(app.Time.GetUtcNow().UtcDateTime), (string?)conversation["updated_at"]);
    }

    [Fact]
    public async Task Moves_the_conversation_to_the_top_of_the_list()
    {
        var user = await app.NewUserAsync();
        var first = await user.CreateConversationIdAsync("first");
        await user.CreateConversationIdAsync("second");

        await (await user.Http.SendJsonAsync(HttpMethod.Put, Url(first), new { modelId = "gpt-4" })).AssertDataAsync();

        Assert.Equal(["first", "second"], await user.ListTitlesAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"modelId":null}""")]
    [InlineData("""{"modelId":""}""")]
    [InlineData("""{"modelId":"gpt-5"}""")]
    [InlineData("""{"modelId":"GPT-4"}""")]
    [InlineData("""{"modelId":"gpt-4 "}""")]
    [InlineData("""{"modelId":"gpt-2-retired"}""")]
    [InlineData("""{"modelId":42}""")]
    [InlineData("""{"modelId":["gpt-4"]}""")]
    public async Task Rejects_anything_but_an_active_model_id_and_changes_nothing(string body)
    {
        RetiredModel.EnsureIn(app);
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { modelId = "gpt-4-turbo" });
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await user.Http.SendRawAsync(HttpMethod.Put, Url((string)created["id"]!), body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["modelId"]);
        Assert.Equal(created.ToJsonString(), (await user.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"gpt-4\"")]
    public async Task Rejects_a_body_that_is_not_a_JSON_object(string body)
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");

        var response = await user.Http.SendRawAsync(HttpMethod.Put, Url(id), body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("gpt-3.5-turbo", (string?)(await user.GetConversationAsync(id))["model_id"]);
    }

    [Fact]
    public async Task Another_user_gets_404_and_the_model_is_unchanged()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var created = await owner.CreateConversationAsync(new { modelId = "gpt-4" });
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await other.Http.SendJsonAsync(HttpMethod.Put, Url((string)created["id"]!), new { modelId = "claude-3-opus" });

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
        Assert.Equal(created.ToJsonString(), (await owner.GetConversationAsync((string)created["id"]!)).ToJsonString());
    }

    [Fact]
    public async Task A_missing_conversation_is_404()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendJsonAsync(HttpMethod.Put, Url(Guid.NewGuid().ToString()), new { modelId = "gpt-4" });

        await response.AssertErrorAsync(HttpStatusCode.NotFound);
    }
}
