using System.Net;
using ChatFake.FakeModel;
using ChatFake.Tests.Groups.Messages;
using ChatFake.Tests.Messages;

namespace ChatFake.Tests.Chat;

/// <summary>The rate-limit scenarios on the native AI routes (docs/API.md, "Scenarios"): a 429
/// with Retry-After before anything is stored.</summary>
public sealed class RateLimitScenarioTests(App app) : IClassFixture<App>
{
    public static TheoryData<string> Routes => new() { "send", "stream", "group send", "group stream" };

    async Task<(UserClient User, string Url, string ListUrl)> ArrangeAsync(string route)
    {
        var user = await app.NewUserAsync();
        var group = route.StartsWith("group", StringComparison.Ordinal);
        var thread = group ? await user.CreateGroupIdAsync("bot-cs") : await user.NewConversationAsync();
        var list = group ? $"/api/group-conversations/{thread}/messages" : $"/api/conversations/{thread}/messages";
        return (user, route.EndsWith("stream", StringComparison.Ordinal) ? list + "/stream" : list, list);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Rate_limit_answers_429_with_retry_after_and_stores_nothing(string route)
    {
        var (user, url, list) = await ArrangeAsync(route);

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, url, new { content = "hi" },
            new Dictionary<string, string> { [Scenarios.Header] = "rate_limit" });

        var body = await response.AssertErrorAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Rate limit exceeded (simulated by X-Fake-Scenario): retry after 0 s", (string?)body["error"]);
        Assert.Equal("0", response.Headers.GetValues("Retry-After").Single());
        Assert.Empty((await (await user.Http.GetAsync(list)).AssertDataAsync()).AsArray());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Rate_limit_once_refuses_and_lets_through_in_turn(string route)
    {
        var (user, url, list) = await ArrangeAsync(route);
        var once = new Dictionary<string, string> { [Scenarios.Header] = "rate_limit_once" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await user.Http.SendJsonAsync(HttpMethod.Post, url, new { content = $"try {i}" }, once)).StatusCode);

        var through = route.EndsWith("stream", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Created;
        Assert.Equal([HttpStatusCode.TooManyRequests, through, HttpStatusCode.TooManyRequests, through], statuses);
        var stored = (await (await user.Http.GetAsync(list)).AssertDataAsync()).AsArray();
        Assert.Equal(["try 1", "try 3"], stored.Where(m => (string?)m!["sender_type"] == "user").Select(m => (string?)m!["content"]));
    }
}
