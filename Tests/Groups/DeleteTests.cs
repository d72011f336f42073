using System.Net;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Groups;

public sealed class DeleteTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Deletes_the_group_with_its_messages_and_nothing_else()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync("doomed"))["id"]!;
        var keptId = (string)(await user.CreateGroupAsync("kept"))["id"]!;
        app.InsertGroupMessages(id, 4);
        var kept = app.InsertGroupMessages(keptId, 2);
        var at = app.Services.GetRequiredService<Clock>().Now();
        var personal = new MessageDoc
        {
            Id = Guid.NewGuid().ToString(), ConversationId = "some-conversation", Content = "hi",
            CreatedAt = at, Position = MessageDoc.PositionOf("some-conversation", at),
        };
        app.Db().Messages.Insert(personal);

        var data = (await (await user.Http.DeleteAsync($"/api/group-conversations/{id}")).AssertDataAsync()).AsObject();

        Assert.Equal(["id"], data.Select(p => p.Key));
        Assert.Equal(id, (string?)data["id"]);
        Assert.Null(app.Db().Groups.FindById(id));
        Assert.Equal(0, app.Db().Messages.Count(x => x.GroupConversationId == id));
        Assert.Equal(kept.Select(m => m.Id).Order(), app.Db().Messages.Find(x => x.GroupConversationId == keptId).Select(m => m.Id).Order());
        Assert.NotNull(app.Db().Messages.FindById(personal.Id));
        await (await user.Http.GetAsync($"/api/group-conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);
        await (await user.Http.GetAsync($"/api/group-conversations/{keptId}")).AssertDataAsync();
    }

    [Fact]
    public async Task Deleting_twice_is_a_404()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync())["id"]!;
        await (await user.Http.DeleteAsync($"/api/group-conversations/{id}")).AssertDataAsync();

        var again = await (await user.Http.DeleteAsync($"/api/group-conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("Group conversation not found", (string?)again["error"]);
    }

    [Fact]
    public async Task Another_user_gets_a_404_and_the_group_and_its_messages_stay()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var created = await owner.CreateGroupAsync();
        var id = (string)created["id"]!;
        app.InsertGroupMessages(id, 3);

        var error = await (await other.Http.DeleteAsync($"/api/group-conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("Group conversation not found", (string?)error["error"]);
        var after = await (await owner.Http.GetAsync($"/api/group-conversations/{id}")).AssertDataAsync();
        Assert.Equal(created.ToJsonString(), after.ToJsonString());
        Assert.Equal(3, app.Db().Messages.Count(x => x.GroupConversationId == id));
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var id = (string)(await (await app.NewUserAsync()).CreateGroupAsync())["id"]!;
        await (await app.Anonymous().DeleteAsync($"/api/group-conversations/{id}")).AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.NotNull(app.Db().Groups.FindById(id));
    }
}
