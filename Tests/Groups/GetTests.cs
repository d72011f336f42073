using System.Net;

namespace ChatFake.Tests.Groups;

public sealed class GetTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Returns_the_group_exactly_as_it_was_created()
    {
        var user = await app.NewUserAsync();
        var created = await user.CreateGroupAsync("周末计划", "bot-funny", "bot-cs");

        var group = await (await user.Http.GetAsync($"/api/group-conversations/{created["id"]}")).AssertDataAsync();

        Assert.Equal(created.ToJsonString(), group.ToJsonString());
        Assert.Equal(["bot-cs", "bot-funny"], group["bots"]!.AsArray().Select(b => (string?)b!["id"]));
    }

    [Fact]
    public async Task Answers_another_users_group_exactly_like_a_missing_one()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var created = await owner.CreateGroupAsync();

        var foreign = await other.Http.GetAsync($"/api/group-conversations/{created["id"]}");
        var missing = await other.Http.GetAsync($"/api/group-conversations/{Guid.NewGuid()}");

        var foreignBody = await foreign.AssertErrorAsync(HttpStatusCode.NotFound);
        var missingBody = await missing.AssertErrorAsync(HttpStatusCode.NotFound);
        Assert.Equal("""{"success":false,"error":"Group conversation not found"}""", foreignBody.ToJsonString());
        Assert.Equal(foreignBody.ToJsonString(), missingBody.ToJsonString());
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var created = await (await app.NewUserAsync()).CreateGroupAsync();
        await (await app.Anonymous().GetAsync($"/api/group-conversations/{created["id"]}")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
