using System.Net;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Conversations;
using ChatFake.Tests.Groups.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Hardening;

/// <summary>The totals of the list routes are counts kept by the writes, not counted at read
/// time, and the pages of the conversation, tag and group lists are found by rank in keys kept in
/// memory: sends, streams, renames, creates, deletes and tag changes racing each other and the
/// list reads leave every total equal to a full count of the documents and every page where the
/// stored documents put it.</summary>
public sealed class CountConcurrencyTests(App app) : IClassFixture<App>
{
    static readonly string[][] TagSets = [["work"], ["work", "home"], ["home", "urgent"], [], ["urgent", "work", "later"]];

    [Fact]
    public async Task Counts_and_pages_stay_exact_under_concurrent_sends_renames_deletes_and_tag_changes()
    {
        var user = await app.NewUserAsync();
        var conversations = new List<string>();
        for (var i = 0; i < 10; i++) conversations.Add(await user.CreateConversationIdAsync($"c{i}"));
        var groups = new List<string>();
        for (var i = 0; i < 4; i++) groups.Add(await user.CreateGroupIdAsync("bot-cs", "bot-tech"));
        // Read before the race, so that the writes change lists held in memory (a list with
        // nothing in it is not loaded); "later" is first read during the race.
        await user.SetTagsAsync(conversations[0], TagSets[1]);
        await user.SetTagsAsync(conversations[1], TagSets[2]);
        foreach (var list in new[] { "/api/conversations", "/api/group-conversations", "/api/conversations?tag=work", "/api/conversations?tag=home", "/api/conversations?tag=urgent" })
            await (await user.Http.GetAsync(list)).AssertDataAsync();

        var requests = new List<Task<HttpResponseMessage>>();
        for (var round = 0; round < 6; round++)
        {
            foreach (var (id, i) in conversations.Select((id, i) => (id, i)))
            {
                requests.Add(user.Http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{id}/messages", new { content = $"send {round}" }));
                requests.Add(user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}", new { title = $"renamed {round}" }));
                requests.Add(user.Http.PostStreamAsync($"/api/conversations/{id}/messages/stream", new { content = $"stream {round}" }));
                requests.Add(user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}/tags", new { tags = TagSets[(i + round) % TagSets.Length] }));
            }
            foreach (var group in groups)
                requests.Add(user.PostToGroupAsync(group, new { content = $"send {round}" }));
            requests.Add(user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { title = $"new {round}" }));
            requests.Add(user.Http.SendJsonAsync(HttpMethod.Post, "/api/group-conversations", new { name = $"new {round}", botIds = new[] { "bot-cs" } }));
            foreach (var list in new[] { "/api/conversations?limit=5&page=2", "/api/group-conversations?limit=3&page=2", "/api/conversations?tag=later", "/api/conversations?tag=work&page=2&limit=2" })
                requests.Add(user.Http.GetAsync(list));
            // Deletes land in the middle of the sends, streams and tag changes to the same threads.
            if (round is 2 or 4)
            {
                requests.Add(user.Http.DeleteAsync($"/api/conversations/{conversations[round]}"));
                requests.Add(user.Http.DeleteAsync($"/api/group-conversations/{groups[round / 2]}"));
            }
        }
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{r.RequestMessage!.RequestUri}: {(int)r.StatusCode}"));
        foreach (var response in responses) await response.Content.ReadAsStringAsync();

        var db = app.Services.GetRequiredService<ChatDb>();
        var storedConversations = db.Conversations.Find(x => x.UserId == user.Id).ToList();
        var storedGroups = db.Groups.Find(x => x.OwnerId == user.Id).ToList();
        Assert.Equal(10 - 2 + 6, storedConversations.Count);
        Assert.Equal(4 - 2 + 6, storedGroups.Count);

        Assert.Equal(storedConversations.OrderBy(c => c.ListKey, StringComparer.Ordinal).Select(c => c.Id),
            await user.EveryPageIdsAsync("/api/conversations", storedConversations.Count));
        Assert.Equal(storedGroups.OrderBy(g => g.ListKey, StringComparer.Ordinal).Select(g => g.Id),
            await user.EveryPageIdsAsync("/api/group-conversations", storedGroups.Count));

        var tagCounts = storedConversations.SelectMany(c => c.Tags).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var listedTags = (await (await user.Http.GetAsync("/api/tags")).AssertDataAsync()).AsArray()
            .ToDictionary(t => (string)t!["tag"]!, t => (int)t!["count"]!);
        Assert.Equal(tagCounts.OrderBy(t => t.Key, StringComparer.Ordinal), listedTags.OrderBy(t => t.Key, StringComparer.Ordinal));
        foreach (var tag in TagSets.SelectMany(tags => tags).Distinct())
            Assert.Equal(storedConversations.Where(c => c.Tags.Contains(tag)).OrderBy(c => c.ListKey, StringComparer.Ordinal).Select(c => c.Id),
                await user.EveryPageIdsAsync($"/api/conversations?tag={tag}", tagCounts.GetValueOrDefault(tag)));

        foreach (var conversation in storedConversations)
            await AssertMessagesAsync($"/api/conversations/{conversation.Id}/messages", db.Messages.Find(x => x.ConversationId == conversation.Id).ToList());
        foreach (var group in storedGroups)
            await AssertMessagesAsync($"/api/group-conversations/{group.Id}/messages", db.Messages.Find(x => x.GroupConversationId == group.Id).ToList());

        async Task AssertMessagesAsync(string url, List<MessageDoc> stored)
        {
            Assert.Equal(stored.Count, await TotalAsync(url));
            var listed = await ListAllAsync(url);
            Assert.Equal(stored.OrderBy(m => m.Position, StringComparer.Ordinal).Select(m => m.Id), listed.Select(m => (string)m["id"]!));
        }

        async Task<int> TotalAsync(string url)
        {
            var body = await (await user.Http.GetAsync(url)).ReadJsonAsync();
            return (int)body["pagination"]!["total"]!;
        }

        async Task<List<JsonNode>> ListAllAsync(string url)
        {
            var all = new List<JsonNode>();
            for (var page = 1; ; page++)
            {
                var separator = url.Contains('?') ? '&' : '?';
                var items = (await (await user.Http.GetAsync($"{url}{separator}limit=7&page={page}")).AssertDataAsync()).AsArray();
                if (items.Count == 0) return all;
                all.AddRange(items.Select(m => m!));
            }
        }
    }
}
