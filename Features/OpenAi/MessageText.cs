using System.Text.Json;

namespace ChatFake.Features.OpenAi;

/// <summary>
/// The text of a message's <c>content</c> as the OpenAI APIs send it: a string, or an array of
/// parts whose text parts (<c>text</c>, <c>input_text</c>, <c>output_text</c>) are joined with
/// line breaks; other parts (images, audio, files) are accepted and ignored. No content (a tool
/// calling assistant's <c>null</c>) is empty text.
/// </summary>
public static class MessageText
{
    static readonly string[] TextParts = ["text", "input_text", "output_text"];

    /// <returns>null when the content is neither a string nor an array of parts.</returns>
    public static string? Of(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return "";
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                var texts = new List<string>();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                        return null;
                    if (!TextParts.Contains(type.GetString())) continue;
                    if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) return null;
                    texts.Add(text.GetString()!);
                }
                return string.Join('\n', texts);
            default:
                return null;
        }
    }

    public const string Invalid = "must be a string or an array of content parts, each an object with a type (text parts with a text)";
}
