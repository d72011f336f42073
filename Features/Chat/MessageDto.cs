using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Chat;

/// <summary>A message as personal and group routes return it (docs/API.md, "Messages").</summary>
public sealed record MessageDto(
    string Id,
    [property: JsonPropertyName("conversation_id")] string? ConversationId,
    [property: JsonPropertyName("group_conversation_id")] string? GroupConversationId,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("sender_type")] string SenderType,
    [property: JsonPropertyName("sender_name")] string SenderName,
    string Content,
    [property: JsonPropertyName("model_id")] string? ModelId,
    [property: JsonPropertyName("ai_error")] int AiError,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("created_at")] string CreatedAt)
{
    public static MessageDto From(MessageDoc m) => new(
        m.Id, m.ConversationId, m.GroupConversationId, m.SenderId, m.SenderType, m.SenderName,
        m.Content, m.ModelId, m.AiError, m.ErrorMessage, Timestamps.Format(m.CreatedAt));
}
