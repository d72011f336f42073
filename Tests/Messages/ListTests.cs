using System.Net;
using ChatFake.FakeModel;

namespace ChatFake.Tests.Messages;

public sealed class ListTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Lists_oldest_first_in_pages_of_50_by_default()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();
        foreach (var content in new[] { "one", "two", "three" })
            await (await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", new { content }))
                .AssertDataAsync(HttpStatusCode.Created);

        var response = await user.Http.GetAsync($"/api/conversations/{conversation}/messages");

        var body = await response.ReadJsonAsync();
        var data = await response.AssertDataAsync();
        var messages = data.AsArray().Select(m => m!).ToList();
        Assert.Equal(["user", "bot", "user", "bot", "user", "bot"], messages.Select(m => (string?)m["sender_type"]));
        string[] asked = ["one", "two", "three"];
        Assert.Equal(asked, messages.Where((_, i) => i % 2 == 0).Select(m => (string?)m["content"]));
        Assert.Equal(asked.Select(c => ReplyComposer.ForModel("gpt-3.5-turbo", c).Text),
            messages.Where((_, i) => i % 2 == 1).Select(m => (string?)m["content"]));
        Assert.Equal("""{"page":1,"limit":50,"total":6,"totalPages":1}""", body["pagination"]!.ToJsonString());
    }

    [Fact]
    public async Task Pages_through_the_conversation()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();
        foreach (var content in new[] { "one", "two", "three" })
            await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", new { content });
        var all = app.StoredMessages(conversation).Select(m => m.Id).ToList();

        var second = await user.Http.GetAsync($"/api/conversations/{conversation}/messages?page=2&limit=2");
        var beyond = await user.Http.GetAsync($"/api/conversations/{conversation}/messages?page=9&limit=2&");

        Assert.Equal(all[2..4], (await second.AssertDataAsync()).AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("""{"page":2,"limit":2,"total":6,"totalPages":3}""", (await second.ReadJsonAsync())["pagination"]!.ToJsonString());
        Assert.Empty((await beyond.AssertDataAsync()).AsArray());
    }

    [Fact]
    public async Task An_empty_conversation_has_no_pages()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        var response = await user.Http.GetAsync($"/api/conversations/{conversation}/messages?page=&limit=");

        Assert.Empty((await response.AssertDataAsync()).AsArray());
        Assert.Equal("""{"page":1,"limit":50,"total":0,"totalPages":0}""", (await response.ReadJsonAsync())["pagination"]!.ToJsonString());
    }

    [Fact]
    public async Task Messages_of_other_conversations_stay_out()
    {
        var user = await app.NewUserAsync();
        var mine = await user.NewConversationAsync();
        var other = await user.NewConversationAsync();
        await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{other}/messages", new { content = "elsewhere" });

        var response = await user.Http.GetAsync($"/api/conversations/{mine}/messages");

        Assert.Empty((await response.AssertDataAsync()).AsArray());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("limit=101")]
    [InlineData("limit=1.5")]
    [InlineData("limit=-1")]
    public async Task A_bad_page_or_limit_is_a_400(string query)
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewConversationAsync();

        await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_users_conversation_is_not_found()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var conversation = await owner.NewConversationAsync();

        var body = await (await stranger.Http.GetAsync($"/api/conversations/{conversation}/messages?page=0")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/conversations/{conversation}/messages")).AssertErrorAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("Conversation not found", (string?)body["error"]);
    }
}
