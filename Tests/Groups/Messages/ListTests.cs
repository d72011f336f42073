using System.Net;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Tests.Groups.Messages;

public sealed class ListTests(App app) : IClassFixture<App>
{
    static string Url(string groupId) => $"/api/group-conversations/{groupId}/messages";

    [Fact]
    public async Task Lists_the_groups_messages_oldest_first_with_exactly_the_message_fields()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync())["id"]!;
        var otherId = (string)(await user.CreateGroupAsync())["id"]!;
        var stored = app.InsertGroupMessages(id, 3);
        app.InsertGroupMessages(otherId, 2);

        var body = await (await user.Http.GetAsync(Url(id))).ReadJsonAsync();

        Assert.Equal("""{"page":1,"limit":50,"total":3,"totalPages":1}""", body["pagination"]!.ToJsonString());
        var messages = body["data"]!.AsArray();
        Assert.Equal(stored.Select(m => m.Id), messages.Select(m => (string?)m!["id"]));
        var first = messages[0]!.AsObject();
        Assert.Equal(
            ["id", "conversation_id", "group_conversation_id", "sender_id", "sender_type", "sender_name",
             "content", "model_id", "ai_error", "error_message", "created_at"],
            first.Select(p => p.Key));
        Assert.Null(first["conversation_id"]);
        Assert.Equal(id, (string?)first["group_conversation_id"]);
        Assert.Equal("user", (string?)first["sender_type"]);
        Assert.Equal("message 1", (string?)first["content"]);
        Assert.Equal(0, (int)first["ai_error"]!);
        Assert.Equal(Timestamps.Format(stored[0].CreatedAt), (string?)first["created_at"]);
        Assert.Equal("bot", (string?)messages[1]!["sender_type"]);
        Assert.Equal("客服机器人", (string?)messages[1]!["sender_name"]);
    }

    [Fact]
    public async Task Pages_through_the_messages_in_order()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync())["id"]!;
        var stored = app.InsertGroupMessages(id, 5);

        var seen = new List<string?>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await (await user.Http.GetAsync($"{Url(id)}?page={page}&limit=2")).ReadJsonAsync();
            Assert.Equal($$"""{"page":{{page}},"limit":2,"total":5,"totalPages":3}""", body["pagination"]!.ToJsonString());
            seen.AddRange(body["data"]!.AsArray().Select(m => (string?)m!["id"]));
        }
        Assert.Equal(stored.Select(m => m.Id), seen);
    }

    [Fact]
    public async Task A_group_without_messages_has_an_empty_list_and_zero_pages()
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync())["id"]!;

        var body = await (await user.Http.GetAsync($"{Url(id)}?page=&limit=")).ReadJsonAsync();

        Assert.Equal("""{"success":true,"data":[],"pagination":{"page":1,"limit":50,"total":0,"totalPages":0}}""", body.ToJsonString());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=1.5")]
    [InlineData("limit=abc")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    public async Task Rejects_paging_values_that_are_not_whole_numbers_in_range(string query)
    {
        var user = await app.NewUserAsync();
        var id = (string)(await user.CreateGroupAsync())["id"]!;

        var error = await (await user.Http.GetAsync($"{Url(id)}?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(error["errors"]![query.Split('=')[0]]);
    }

    [Fact]
    public async Task Another_users_group_and_a_missing_group_are_the_same_404()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var id = (string)(await owner.CreateGroupAsync())["id"]!;
        app.InsertGroupMessages(id, 2);

        var foreign = await (await other.Http.GetAsync(Url(id))).AssertErrorAsync(HttpStatusCode.NotFound);
        var missing = await (await other.Http.GetAsync(Url(Guid.NewGuid().ToString()))).AssertErrorAsync(HttpStatusCode.NotFound);

        Assert.Equal("""{"success":false,"error":"Group conversation not found"}""", foreign.ToJsonString());
        Assert.Equal(foreign.ToJsonString(), missing.ToJsonString());
        Assert.Equal(2, (int)(await (await owner.Http.GetAsync(Url(id))).ReadJsonAsync())["pagination"]!["total"]!);
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var id = (string)(await (await app.NewUserAsync()).CreateGroupAsync())["id"]!;
        await (await app.Anonymous().GetAsync(Url(id))).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
