using System.Net;

namespace ChatFake.Tests.Conversations;

public sealed class GetModelTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Is_gpt_3_5_turbo_when_none_was_chosen()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");

        var data = await (await user.Http.GetAsync($"/api/conversations/{id}/model")).AssertDataAsync();

        Assert.Equal("""{"modelId":"gpt-3.5-turbo"}""", data.ToJsonString());
    }

    [Fact]
    public async Task Is_the_model_chosen_at_creation_then_the_one_switched_to()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateConversationAsync(new { modelId = "claude-3-sonnet" }))["id"]!;

        var chosen = await (await user.Http.GetAsync($"/api/conversations/{id}/model")).AssertDataAsync();
        await (await user.Http.SendJsonAsync(HttpMethod.Put, $"/api/conversations/{id}/model", new { modelId = "gpt-4" })).AssertDataAsync();
        var switched = await (await user.Http.GetAsync($"/api/conversations/{id}/model")).AssertDataAsync();

        Assert.Equal("claude-3-sonnet", (string?)chosen["modelId"]);
        Assert.Equal("gpt-4", (string?)switched["modelId"]);
    }

    [Fact]
    public async Task Another_users_conversation_is_404()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var id = await owner.CreateConversationIdAsync("x");

        var response = await other.Http.GetAsync($"/api/conversations/{id}/model");

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
        await (await other.Http.GetAsync($"/api/conversations/{Guid.NewGuid()}/model")).AssertErrorAsync(HttpStatusCode.NotFound);
    }
}
