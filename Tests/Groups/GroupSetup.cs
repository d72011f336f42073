using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Groups;

/// <summary>Arranging group tests: groups through the API; the many messages that paging and
/// cascade tests need, with chosen senders, straight in the database.</summary>
public static class GroupSetup
{
    public static readonly string[] SeededBotIds = ["bot-cs", "bot-funny", "bot-tech"];

    public static ChatDb Db(this App app) => app.Services.GetRequiredService<ChatDb>();

    /// <summary>Creates a group through the API and returns its <c>data</c>.</summary>
    public static async Task<JsonNode> CreateGroupAsync(this UserClient user, string name = "Team", params string[] botIds)
    {
        var response = await user.Http.PostAsJsonAsync("/api/group-conversations",
            new { name, botIds = botIds.Length == 0 ? SeededBotIds : botIds });
        return await response.AssertDataAsync(HttpStatusCode.Created);
    }

    /// <summary>Stores <paramref name="count"/> messages in the group, alternating user and bot
    /// senders, with Clock timestamps; returns them oldest first.</summary>
    public static List<MessageDoc> InsertGroupMessages(this App app, string groupId, int count)
    {
        var clock = app.Services.GetRequiredService<Clock>();
        var messages = Enumerable.Range(1, count).Select(i =>
        {
            var at = clock.Now();
            var fromUser = i % 2 == 1;
            return new MessageDoc
            {
                Id = Guid.NewGuid().ToString(),
                GroupConversationId = groupId,
                SenderId = fromUser ? "user-id" : "bot-cs",
                SenderType = fromUser ? MessageDoc.User : MessageDoc.Bot,
                SenderName = fromUser ? "someone" : "客服机器人",
                Content = $"message {i}",
                CreatedAt = at,
                Position = MessageDoc.PositionOf(groupId, at),
            };
        }).ToList();
        // Stored newest first, so only the stored position can put them back in order.
        foreach (var message in Enumerable.Reverse(messages)) app.Db().AppendMessageAsync(message).GetAwaiter().GetResult();
        return messages;
    }
}
