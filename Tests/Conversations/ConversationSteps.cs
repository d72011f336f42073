using System.Net;
using System.Text.Json.Nodes;

namespace ChatFake.Tests.Conversations;

/// <summary>Arranging and reading conversations through the API, as a user would.</summary>
public static class ConversationSteps
{
    public static readonly string[] ConversationFields = ["id", "user_id", "title", "model_id", "tags", "created_at", "updated_at"];

    public static async Task<JsonNode> CreateConversationAsync(this UserClient user, object? body = null)
    {
        var response = await user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", body ?? new { });
        return await response.AssertDataAsync(HttpStatusCode.Created);
    }

    public static async Task<string> CreateConversationIdAsync(this UserClient user, string title) =>
        (string)(await user.CreateConversationAsync(new { title }))["id"]!;

    public static async Task<JsonNode> GetConversationAsync(this UserClient user, string id) =>
        await (await user.Http.GetAsync($"/api/conversations/{id}")).AssertDataAsync();

    public static async Task<JsonNode> SetTagsAsync(this UserClient user, string id, params string[] tags) =>
        await (await user.Http.SendJsonAsync(HttpMethod.Patch, $"/api/conversations/{id}/tags", new { tags })).AssertDataAsync();

    /// <summary>The titles of one list page, in the order the API gives them.</summary>
    public static async Task<string[]> ListTitlesAsync(this UserClient user, string query = "")
    {
        var data = await (await user.Http.GetAsync($"/api/conversations{query}")).AssertDataAsync();
        return data.AsArray().Select(c => (string)c!["title"]!).ToArray();
    }

    /// <summary>The ids of every page of a list route (conversations, a tag's, groups), <paramref name="limit"/>
    /// a page, in the order the API gives them; each page's total must be <paramref name="total"/>.</summary>
    public static async Task<List<string>> EveryPageIdsAsync(this UserClient user, string url, int total, int limit = 7)
    {
        var ids = new List<string>();
        var separator = url.Contains('?') ? '&' : '?';
        for (var page = 1; page <= total / limit + 1; page++)
        {
            var response = await user.Http.GetAsync($"{url}{separator}limit={limit}&page={page}");
            var items = (await response.AssertDataAsync()).AsArray();
            Assert.Equal(total, (int)(await response.ReadJsonAsync())["pagination"]!["total"]!);
            ids.AddRange(items.Select(item => (string)item!["id"]!));
        }
        return ids;
    }

    public static string[] Strings(this JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();

    public static string[] Keys(this JsonNode node) => node.AsObject().Select(p => p.Key).ToArray();
}
