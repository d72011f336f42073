using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Conversations;

/// <summary>A conversation as every conversation route returns it (docs/API.md, "Conversations").</summary>
public sealed record ConversationDto(
    string Id,
    [property: JsonPropertyName("user_id")] string UserId,
    string Title,
    [property: JsonPropertyName("model_id")] string ModelId,
    IReadOnlyList<string> Tags,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public const string DefaultTitle = "New conversation";
    public const string DefaultModelId = "gpt-3.5-turbo";

    public static ConversationDto From(ConversationDoc c) => new(
        c.Id, c.UserId, c.Title, ModelOf(c), c.Tags,
        Timestamps.Format(c.CreatedAt), Timestamps.Format(c.UpdatedAt));

    /// <summary>The conversation's model: the default one when none was ever set.</summary>
    public static string ModelOf(ConversationDoc c) => string.IsNullOrEmpty(c.ModelId) ? DefaultModelId : c.ModelId;
}
