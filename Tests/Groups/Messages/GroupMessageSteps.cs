using ChatFake.FakeModel;
using System.Net;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Tests.Groups.Messages;

/// <summary>Sending to groups and reading their messages back, through the API and, for what
/// the API does not show, the database.</summary>
public static class GroupMessageSteps
{
    /// <summary>The seeded bots' names by id.</summary>
    public static readonly IReadOnlyDictionary<string, string> BotNames = new Dictionary<string, string>
    {
        ["bot-cs"] = "客服机器人",
        ["bot-funny"] = "幽默机器人",
        ["bot-tech"] = "技术机器人",
    };

    public static readonly string[] MessageFields =
        ["id", "conversation_id", "group_conversation_id", "sender_id", "sender_type", "sender_name", "content",
         "model_id", "ai_error", "error_message", "created_at"];

    public static string SendUrl(string groupId) => $"/api/group-conversations/{groupId}/messages";

    public static string StreamUrl(string groupId) => $"/api/group-conversations/{groupId}/messages/stream";

    public static Task<HttpResponseMessage> PostToGroupAsync(this UserClient user, string groupId, object body, string? scenario = null) =>
        user.Http.SendJsonAsync(HttpMethod.Post, SendUrl(groupId), body,
            scenario is null ? null : new Dictionary<string, string> { [Scenarios.Header] = scenario });

    /// <summary>The group's messages as GET …/messages lists them (first page, up to 100).</summary>
    public static async Task<JsonArray> ListGroupMessagesAsync(this HttpClient http, string groupId) =>
        (await (await http.GetAsync($"{SendUrl(groupId)}?limit=100")).AssertDataAsync()).AsArray();

    public static async Task<string> CreateGroupIdAsync(this UserClient user, params string[] botIds) =>
        (string)(await user.CreateGroupAsync("Team", botIds))["id"]!;

    public static List<MessageDoc> StoredGroupMessages(this App app, string groupId) =>
        app.Db().Messages.Find(x => x.GroupConversationId == groupId).OrderBy(x => x.Position, StringComparer.Ordinal).ToList();
}
