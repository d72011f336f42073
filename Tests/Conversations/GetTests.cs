using System.Net;

namespace ChatFake.Tests.Conversations;

public sealed class GetTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Returns_the_owners_conversation()
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateConversationAsync(new { title = "读书笔记", modelId = "claude-3-opus" });

        var data = await (await user.Http.GetAsync($"/api/conversations/{created["id"]}")).AssertDataAsync();

        Assert.Equal(ConversationSteps.ConversationFields, data.Keys());
        Assert.Equal(created.ToJsonString(), data.ToJsonString());
    }

    [Fact]
    public async Task Another_users_conversation_is_the_same_404_as_a_missing_one()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var id = await owner.CreateConversationIdAsync("private");

        var foreign = await (await other.Http.GetAsync($"/api/conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);
        var missing = await (await other.Http.GetAsync($"/api/conversations/{Guid.NewGuid()}")).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("""{"success":false,"error":"Conversation not found"}""", foreign.ToJsonString());
        Assert.Equal(foreign.ToJsonString(), missing.ToJsonString());
        Assert.Equal("private", (string?)(await owner.GetConversationAsync(id))["title"]);
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var owner = await app.NewUserAsync();
        var id = await owner.CreateConversationIdAsync("x");

        await (await app.Anonymous().GetAsync($"/api/conversations/{id}")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
