using System.Net;
using ChatFake.Tests.Conversations;

namespace ChatFake.Tests.Hardening;

/// <summary>Concurrent writes to conversations: nothing lost, nothing duplicated, no LiteDB error.</summary>
public sealed class ConversationConcurrencyTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Concurrent_renames_tag_updates_and_model_switches_lose_no_field()
    {
        var user = await app.NewUserAsync();
        var id = await user.CreateConversationIdAsync("initial");
        var titles = Enumerable.Range(0, 40).Select(i => $"title {i}").ToArray();

        // Each write reads the whole conversation and stores it back. One tag update and one
        // model switch land in the middle of a burst of renames: without a lock from the read
        // on, a rename that read the conversation before them puts the old tags or model back.
        var renames = titles.Select(t => user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = t })).ToList();
        var tags = user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}/tags", new { tags = new[] { "kept" } });
        var model = user.Http.SendJsonAsync(HttpMethod.Put, $"/api/conversations/{id}/model", new { modelId = "claude-3-opus" });
        renames.AddRange(titles.Select(t => user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = t + "!" })));
        var responses = await Task.WhenAll(renames.Append(tags).Append(model));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await user.GetConversationAsync(id);
        Assert.Equal(["kept"], stored["tags"].Strings());
        Assert.Equal("claude-3-opus", (string?)stored["model_id"]);
        Assert.Contains((string)stored["title"]!, titles.Concat(titles.Select(t => t + "!")));
    }

    [Fact]
    public async Task Concurrent_creates_are_all_listed_once()
    {
        var user = await app.NewUserAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => user.CreateConversationAsync(new { title = $"c{i}" })));

        var listed = await (await user.Http.GetAsync("/api/conversations?limit=100")).AssertDataAsync();
        var listedIds = listed.AsArray().Select(c => (string)c!["id"]!).ToArray();
        Assert.Equal(40, listedIds.Distinct().Count());
        Assert.Equal(created.Select(c => (string)c["id"]!).Order(), listedIds.Order());
    }
}
