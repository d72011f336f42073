using System.Net;
using ChatFake.Tests.Conversations;

namespace ChatFake.Tests.Tags;

public sealed class ListTagsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Counts_the_users_conversations_per_tag_sorted_ordinally()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        await user.SetTagsAsync(await user.CreateConversationIdAsync("1"), "工作", "b", "Work");
        await user.SetTagsAsync(await user.CreateConversationIdAsync("2"), "工作", "work");
        await user.SetTagsAsync(await user.CreateConversationIdAsync("3"), "b");
        await user.CreateConversationIdAsync("untagged");
        await other.SetTagsAsync(await other.CreateConversationIdAsync("foreign"), "工作", "foreign");

        var data = await (await user.Http.GetAsync("/api/tags")).AssertDataAsync();

        JsonAssert.Equal("""[{"tag":"Work","count":1},{"tag":"b","count":2},{"tag":"work","count":1},{"tag":"工作","count":2}]""", data);
    }

    [Fact]
    public async Task Is_empty_for_a_user_without_tags()
    {
        var user = await app.NewUserAsync();
        await user.CreateConversationIdAsync("untagged");

        var data = await (await user.Http.GetAsync("/api/tags")).AssertDataAsync();

        JsonAssert.Equal("[]", data);
    }

    [Fact]
    public async Task Follows_tag_replacement()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("x");
        await user.SetTagsAsync(id, "old", "kept");

        await user.SetTagsAsync(id, "kept", "new");

        var data = await (await user.Http.GetAsync("/api/tags")).AssertDataAsync();
        JsonAssert.Equal("""[{"tag":"kept","count":1},{"tag":"new","count":1}]""", data);
    }

    [Fact]
    public async Task Requires_a_token()
    {
        await (await app.Anonymous().GetAsync("/api/tags")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
