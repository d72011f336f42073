using System.Net;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Conversations;

public sealed class DeleteTests(App app) : IClassFixture<App>
{
    ChatDb Db => app.Services.GetRequiredService<ChatDb>();

    [Fact]
    public async Task Deletes_the_conversation_and_answers_its_id()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("doomed");
        await user.CreateConversationIdAsync("kept");

        var response = await user.Http.DeleteAsync($"/api/conversations/{id}");

        var data = await response.AssertDataAsync();
        Assert.Equal($$"""{"id":"{{id}}"}""", data.ToJsonString());
        await (await user.Http.GetAsync($"/api/conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal(["kept"], await user.ListTitlesAsync());
        Assert.Null(Db.Conversations.FindById(id));
    }

    [Fact]
    public async Task Deletes_its_messages_and_no_one_elses()
    {
        var user = await app.NewUserAsync();
        var doomed = await user.CreateConversationIdAsync("doomed");
        var kept = await user.CreateConversationIdAsync("kept");
        // The messages routes are another slice; the messages are arranged in the database.
        AddMessage(doomed, "one");
        AddMessage(doomed, "two");
        AddMessage(kept, "three");

        await (await user.Http.DeleteAsync($"/api/conversations/{doomed}")).AssertDataAsync();

        Assert.Equal(0, Db.Messages.Count(x => x.ConversationId == doomed));
        Assert.Equal(["three"], Db.Messages.Find(x => x.ConversationId == kept).Select(m => m.Content));
    }

    [Fact]
    public async Task Its_tags_go_too()
    {
        var user = await app.NewUserAsync();
        var doomed = await user.CreateConversationIdAsync("doomed");
        var kept = await user.CreateConversationIdAsync("kept");
        await user.SetTagsAsync(doomed, "gone", "shared");
        await user.SetTagsAsync(kept, "shared");

        await (await user.Http.DeleteAsync($"/api/conversations/{doomed}")).AssertDataAsync();

        var tags = await (await user.Http.GetAsync("/api/tags")).AssertDataAsync();
        Assert.Equal("""[{"tag":"shared","count":1}]""", tags.ToJsonString());
        Assert.Empty(await user.ListTitlesAsync("?tag=gone"));
    }

    [Fact]
    public async Task Deleting_twice_is_404()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("once");
        await (await user.Http.DeleteAsync($"/api/conversations/{id}")).AssertDataAsync();

        var again = await user.Http.DeleteAsync($"/api/conversations/{id}");

        var error = await again.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
    }

    [Fact]
    public async Task Another_user_gets_404_and_nothing_is_deleted()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var created = await owner.CreateConversationAsync(new { title = "mine" });
        var id = (string)created["id"]!;
        AddMessage(id, "still here");

        var response = await other.Http.DeleteAsync($"/api/conversations/{id}");

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", (string?)error["error"]);
        Assert.Equal(created.ToJsonString(), (await owner.GetConversationAsync(id)).ToJsonString());
        Assert.Equal(1, Db.Messages.Count(x => x.ConversationId == id));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var owner = await app.NewUserAsync();
        var id = await owner.CreateConversationIdAsync("x");

        await (await app.Anonymous().DeleteAsync($"/api/conversations/{id}")).AssertErrorAsync(HttpStatusCode.Unauthorized);
        await owner.GetConversationAsync(id);
    }

    void AddMessage(string conversationId, string content)
    {
        var createdAt = app.Services.GetRequiredService<Clock>().Now();
        Db.AppendMessageAsync(new MessageDoc
        {
            Id = Guid.NewGuid().ToString(),
            ConversationId = conversationId,
            SenderId = "someone",
            SenderName = "someone",
            Content = content,
            CreatedAt = createdAt,
            Position = MessageDoc.PositionOf(conversationId, createdAt),
        }).GetAwaiter().GetResult();
    }
}
