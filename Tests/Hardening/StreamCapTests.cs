using System.Net;
using System.Text.Json.Nodes;
using ChatFake.Tests.Conversations;
using ChatFake.Tests.Groups.Messages;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// MAX_STREAMS_PER_USER (README, "Limits"): a user's streams open at once, personal and group
/// together, are capped; beyond the cap a stream is a 429 envelope before anything is stored.
/// Streams are held open with the <c>timeout</c> scenario: its wait is a timer of the app's
/// fake clock, which these tests never move, so a held stream stays open until its client leaves.
/// </summary>
public sealed class StreamCapTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "cap-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    static App AppWithCap(string? cap) => App.With(new Dictionary<string, string?> { ["MAX_STREAMS_PER_USER"] = cap });

    static string StreamUrl(string conversationId) => $"/api/conversations/{conversationId}/messages/stream";

    [Fact]
    public async Task Beyond_the_cap_a_personal_or_group_stream_is_a_429_that_stores_nothing_and_other_users_still_stream()
    {
        using var app = AppWithCap("3");
        var user = await app.NewUserAsync();
        var conversation = await user.CreateConversationIdAsync("capped");
        var group = await user.CreateGroupIdAsync("bot-cs", "bot-tech");
        await using var held = new HeldStreams();
        await held.OpenAsync(user, StreamUrl(conversation));
        await held.OpenAsync(user, StreamUrl(conversation));
        await held.OpenAsync(user, GroupMessageSteps.StreamUrl(group));
        var before = await SnapshotAsync(user, conversation, group);

        foreach (var url in new[] { StreamUrl(conversation), GroupMessageSteps.StreamUrl(group) })
        {
            using var refused = await user.Http.PostStreamAsync(url, new { content = "one too many" });
            Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
            var body = await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("Too many open streams: at most 3 per user; wait for one to end", (string?)body["error"]);
        }
        Assert.Equal(before, await SnapshotAsync(user, conversation, group));

        // The cap is the user's: another user streams, and plain sends are not streams.
        var other = await app.NewUserAsync();
        await StreamToTheEndAsync(other, StreamUrl(await other.CreateConversationIdAsync("free")));
        await (await user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages", new { content = "plain" }))
            .AssertDataAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_slot_comes_back_when_a_stream_ends_fails_or_loses_its_client()
    {
        using var app = AppWithCap("2");
        var user = await app.NewUserAsync();
        var conversation = await user.CreateConversationIdAsync("slots");
        var group = await user.CreateGroupIdAsync("bot-cs");
        await using var held = new HeldStreams();
        await held.OpenAsync(user, StreamUrl(conversation));

        // One slot left, used again and again: each of these streams gives it back when it ends.
        await StreamToTheEndAsync(user, StreamUrl(conversation));
        await StreamToTheEndAsync(user, GroupMessageSteps.StreamUrl(group));
        await StreamToTheEndAsync(user, StreamUrl(conversation), scenario: "error", lastEvent: "error");
        await StreamToTheEndAsync(user, GroupMessageSteps.StreamUrl(group), scenario: "error", lastEvent: "error");
        await StreamToTheEndAsync(user, StreamUrl(conversation));

        var leaving = await held.OpenAsync(user, GroupMessageSteps.StreamUrl(group));
        await AssertRefusedAsync(user, StreamUrl(conversation));
        await leaving.DisposeAsync();

        // The server notices the client left on its own schedule; until then the cap holds.
        var accepted = await Poll.UntilAsync(async () =>
        {
            var response = await user.Http.PostStreamAsync(StreamUrl(conversation), new { content = "after the client left" });
            if (response.StatusCode == HttpStatusCode.OK) return response;
            await response.AssertErrorAsync(HttpStatusCode.TooManyRequests);
            return null;
        }, "the slot of the stream whose client left");
        Assert.Equal("done", Sse.Parse(await accepted.Content.ReadAsStringAsync())[^1].Event);
    }

    [Fact]
    public async Task Zero_lifts_the_cap()
    {
        using var app = AppWithCap("0");
        var user = await app.NewUserAsync();
        var conversation = await user.CreateConversationIdAsync("many");
        await using var held = new HeldStreams();

        for (var i = 0; i < 30; i++)
            await held.OpenAsync(user, StreamUrl(conversation));
    }

    [Fact]
    public async Task Without_the_setting_the_cap_is_20()
    {
        await using var app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"), new Dictionary<string, string?>
        {
            ["MAX_STREAMS_PER_USER"] = null,
            ["AI_TIMEOUT_SECONDS"] = "600", // the timeout scenario holds a stream for 10 minutes
        });
        var user = await RegisterAsync(app.Client);
        var conversation = await user.CreateConversationIdAsync("default cap");
        await using var held = new HeldStreams();

        for (var i = 0; i < 20; i++)
            await held.OpenAsync(user, StreamUrl(conversation));
        await AssertRefusedAsync(user, StreamUrl(conversation));
    }

    static async Task<UserClient> RegisterAsync(HttpClient anonymous)
    {
        var name = "cap" + Guid.NewGuid().ToString("N")[..10];
        var data = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/auth/register",
            new { username = name, email = $"{name}@example.com", password = "secret123" })).AssertDataAsync(HttpStatusCode.Created);
        var client = new HttpClient { BaseAddress = anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", (string)data["token"]!);
        return new UserClient(client, (string)data["user"]!["id"]!, name, (string)data["token"]!);
    }

    static async Task AssertRefusedAsync(UserClient user, string url)
    {
        using var response = await user.Http.PostStreamAsync(url, new { content = "refused" });
        await response.AssertErrorAsync(HttpStatusCode.TooManyRequests);
    }

    static async Task StreamToTheEndAsync(UserClient user, string url, string? scenario = null, string lastEvent = "done")
    {
        using var response = await user.Http.PostStreamAsync(url, new { content = "hello" }, scenario);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(lastEvent, Sse.Parse(await response.Content.ReadAsStringAsync())[^1].Event);
    }

    /// <summary>Everything the user can read of the conversation and the group.</summary>
    static async Task<string> SnapshotAsync(UserClient user, string conversation, string group)
    {
        var reads = new List<JsonNode>();
        foreach (var url in new[]
                 {
                     $"/api/conversations/{conversation}", $"/api/conversations/{conversation}/messages",
                     $"/api/group-conversations/{group}", $"/api/group-conversations/{group}/messages",
                 })
            reads.Add(await (await user.Http.GetAsync(url)).AssertDataAsync());
        return string.Join('\n', reads.Select(r => r.ToJsonString()));
    }

    /// <summary>Streams held open in the timeout scenario; disposing one is its client leaving.</summary>
    sealed class HeldStreams : IAsyncDisposable
    {
        readonly List<HeldStream> streams = [];

        public async Task<HeldStream> OpenAsync(UserClient user, string url)
        {
            var response = await user.Http.PostStreamAsync(url, new { content = "held open" }, "timeout");
            var stream = new HeldStream(response, Sse.ReadAsync(await response.Content.ReadAsStreamAsync()).GetAsyncEnumerator());
            streams.Add(stream);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The user message is stored and sent once the stream holds its slot.
            Assert.True(await stream.Frames.MoveNextAsync());
            Assert.Equal("userMessage", stream.Frames.Current.Type);
            return stream;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    sealed class HeldStream(HttpResponseMessage response, IAsyncEnumerator<SseFrame> frames) : IAsyncDisposable
    {
        public IAsyncEnumerator<SseFrame> Frames => frames;

        public async ValueTask DisposeAsync()
        {
            response.Dispose();
            await frames.DisposeAsync();
        }
    }
}
