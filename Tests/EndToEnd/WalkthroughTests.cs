using System.Net.Http.Headers;
using ChatFake.Client;

namespace ChatFake.Tests.EndToEnd;

/// <summary>
/// The seed's walkthrough, driven end to end through the C# client generated from the committed
/// OpenAPI document (clients/csharp/ChatFakeClient.cs) against the app on a real Kestrel port.
/// A route whose documented status, fields or types differ from what the app sends fails here:
/// the generated client refuses undocumented statuses and reads the documented fields only.
/// </summary>
public sealed class WalkthroughTests(KestrelApp server) : IClassFixture<KestrelApp>
{
    /// <summary>What the steps learn and later steps use.</summary>
    sealed class Walk
    {
        public required HttpClient Http { get; init; }
        public required ChatFakeClient Api { get; init; }
        public string Username { get; } = "walker" + Guid.NewGuid().ToString("N")[..8];
        public string Email => $"{Username}@example.com";
        public User User { get; set; } = null!;
        public Group Group { get; set; } = null!;
    }

    [Fact]
    public async Task Runs_the_seed_walkthrough_through_the_generated_client()
    {
        using var http = server.NewHttpClient();
        var walk = new Walk { Http = http, Api = new ChatFakeClient(http) };

        await Register(walk);
        await LogIn(walk);
        await Me(walk);
        await ListBots(walk);
        await CreateGroup(walk);
        await ListGroups(walk);
        await GetGroup(walk);
        await ListGroupMessages(walk);
        await DeleteGroup(walk);
    }

    [Fact]
    public async Task Error_answers_come_back_as_the_documented_error_envelope()
    {
        using var http = server.NewHttpClient();
        var api = new ChatFakeClient(http);

        var unauthenticated = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() => api.BotsListBotsAsync());
        Assert.Equal(401, unauthenticated.StatusCode);
        Assert.False(unauthenticated.Result.Success);
        Assert.Equal("Authentication required", unauthenticated.Result.Error);

        var invalid = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() =>
            api.AuthRegisterAsync(new AuthRegisterRequest { Username = "x", Email = "not-an-email", Password = "123" }));
        Assert.Equal(400, invalid.StatusCode);
        Assert.Equal(["username", "email", "password"], invalid.Result.Errors!.Keys);
    }

    // Seed walkthrough 1: register a new user.
    static async Task Register(Walk walk)
    {
        var answer = await walk.Api.AuthRegisterAsync(
            new AuthRegisterRequest { Username = walk.Username, Email = walk.Email.ToUpperInvariant(), Password = "123456" });

        Assert.True(answer.Success);
        walk.User = answer.Data.User;
        Assert.Equal(walk.Username, walk.User.Username);
        Assert.Equal(walk.Email, walk.User.Email); // stored lower-case
        Assert.False(string.IsNullOrEmpty(walk.User.Id));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", walk.User.CreatedAt);
        Assert.Equal(walk.User.CreatedAt, walk.User.UpdatedAt);
        Assert.Equal(3, answer.Data.Token.Split('.').Length);
    }

    // Seed walkthrough 2: log in and keep the token for every later request.
    static async Task LogIn(Walk walk)
    {
        var answer = await walk.Api.AuthLoginAsync(new AuthLoginRequest { Email = walk.Email, Password = "123456" });

        Assert.Equal(walk.User.Id, answer.Data.User.Id);
        walk.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.Data.Token);
    }

    static async Task Me(Walk walk)
    {
        var me = (await walk.Api.AuthMeAsync()).Data;

        Assert.Equal((walk.User.Id, walk.User.Username, walk.User.Email), (me.Id, me.Username, me.Email));
    }

    static async Task ListBots(Walk walk)
    {
        var bots = (await walk.Api.BotsListBotsAsync()).Data;

        Assert.Equal(["bot-cs", "bot-funny", "bot-tech"], bots.Select(b => b.Id));
        Assert.All(bots, b => Assert.False(string.IsNullOrEmpty(b.ResponseTendency)));
    }

    // Seed walkthrough 5: create a group with two bots.
    static async Task CreateGroup(Walk walk)
    {
        var answer = await walk.Api.GroupsCreateAsync(new GroupsCreateRequest { Name = "技术讨论组", BotIds = ["bot-tech", "bot-funny"] });

        walk.Group = answer.Data;
        Assert.Equal("技术讨论组", walk.Group.Name);
        Assert.Equal(walk.User.Id, walk.Group.OwnerId);
        Assert.Equal(["bot-funny", "bot-tech"], walk.Group.Bots.Select(b => b.Id)); // sorted by id
    }

    static async Task ListGroups(Walk walk)
    {
        var page = await walk.Api.GroupsListAsync(page: 1, limit: 20);

        Assert.Equal([walk.Group.Id], page.Data.Select(g => g.Id));
        Assert.Equal((1, 20, 1, 1), (page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
    }

    static async Task GetGroup(Walk walk)
    {
        var group = (await walk.Api.GroupsGetAsync(walk.Group.Id)).Data;

        Assert.Equal((walk.Group.Id, walk.Group.Name, walk.Group.CreatedAt), (group.Id, group.Name, group.CreatedAt));
    }

    static async Task ListGroupMessages(Walk walk)
    {
        var page = await walk.Api.GroupsMessagesListAsync(walk.Group.Id, page: null, limit: null);

        Assert.Empty(page.Data);
        Assert.Equal((1, 50, 0, 0), (page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
    }

    static async Task DeleteGroup(Walk walk)
    {
        var deleted = (await walk.Api.GroupsDeleteAsync(walk.Group.Id)).Data;
        Assert.Equal(walk.Group.Id, deleted.Id);

        var gone = await Assert.ThrowsAsync<ChatFakeApiException<ErrorEnvelope>>(() => walk.Api.GroupsGetAsync(walk.Group.Id));
        Assert.Equal(404, gone.StatusCode);
        Assert.Equal("Group conversation not found", gone.Result.Error);
    }
}
