using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFake.Features.Anthropic.Messages;

/// <summary>
/// The body of Anthropic's <c>POST /v1/messages</c>, the fields ChatFake reads.
/// <c>temperature</c>, <c>top_p</c>, <c>top_k</c>, <c>metadata</c>, <c>tools</c> and any
/// other field are accepted and ignored.
/// </summary>
public sealed class Request
{
    public string? Model { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    public List<AnthropicInputMessage?>? Messages { get; set; }

    /// <summary>A string or an array of text blocks.</summary>
    public JsonElement? System { get; set; }

    public bool? Stream { get; set; }

    [JsonPropertyName("stop_sequences")]
    public List<string?>? StopSequences { get; set; }

    /// <summary>The text the fake model answers: the last user message's text blocks (or
    /// string), trimmed as the native routes trim a message. Valid after validation.</summary>
    public string Prompt() => Content.TextOf(Messages!.Last(m => m!.Role == "user")!.Content!.Value).Trim();

    /// <summary>Every text the caller sent (system and messages), what input_tokens counts.</summary>
    public IEnumerable<string> InputTexts() =>
        (System is { ValueKind: not JsonValueKind.Null } system ? [Content.TextOf(system)] : Array.Empty<string>())
        .Concat(Messages!.Select(m => Content.TextOf(m!.Content!.Value)));
}

/// <summary>One message of the conversation so far. Role <c>system</c> (sent by SDK 13's
/// SystemMessageParam) counts as input like the <c>system</c> field; it is never answered.</summary>
public sealed class AnthropicInputMessage
{
    public string? Role { get; set; }

    /// <summary>A string or an array of content blocks.</summary>
    public JsonElement? Content { get; set; }
}

/// <summary>Message content and <c>system</c>: a string, or an array of blocks of which only
/// the text blocks are read (images, documents, tool results are accepted and ignored).</summary>
static class Content
{
    public static bool IsValid(JsonElement content, bool textOnly) => content.ValueKind switch
    {
        JsonValueKind.String => true,
        JsonValueKind.Array => content.EnumerateArray().All(block => IsValidBlock(block, textOnly)),
        _ => false,
    };

    public static string TextOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Join("\n", content.EnumerateArray().Where(IsText).Select(b => b.GetProperty("text").GetString()));

    static bool IsValidBlock(JsonElement block, bool textOnly) =>
        block.ValueKind == JsonValueKind.Object
        && block.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && (type.GetString() == "text"
            ? block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            : !textOnly);

    static bool IsText(JsonElement block) => block.GetProperty("type").GetString() == "text";
}

/// <summary>Anthropic's rules for the fields ChatFake reads; messages name the field as
/// Anthropic's own errors do (<c>messages.1.role: ...</c>).</summary>
public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Model).NotEmpty().WithMessage("model: Field required");
        RuleFor(x => x.MaxTokens)
            .NotNull().WithMessage("max_tokens: Field required")
            .GreaterThanOrEqualTo(1).WithMessage("max_tokens: must be at least 1");
        RuleFor(x => x.Messages).NotEmpty().WithMessage("messages: Field required, at least one message");
        RuleFor(x => x.Messages).Custom((messages, context) =>
        {
            for (var i = 0; i < messages?.Count; i++)
            {
                if (messages[i] is not { } message)
                    context.AddFailure("messages", $"messages.{i}: must be an object");
                else if (message.Role is not ("user" or "assistant" or "system"))
                    context.AddFailure("messages", $"messages.{i}.role: must be \"user\", \"assistant\" or \"system\"");
                else if (message.Content is not { } content || !Content.IsValid(content, textOnly: false))
                    context.AddFailure("messages", $"messages.{i}.content: must be a string or an array of content blocks, each with a type (and a text string for a text block)");
            }
            if (messages is { Count: > 0 } && !messages.Any(m => m?.Role == "user"))
                context.AddFailure("messages", "messages: at least one message must have the role \"user\"");
        });
        RuleFor(x => x.System)
            .Must(s => s is not { } system || system.ValueKind == JsonValueKind.Null || Content.IsValid(system, textOnly: true))
            .WithMessage("system: must be a string or an array of text blocks");
        RuleFor(x => x.StopSequences)
            .Must(stops => stops is null || stops.All(s => !string.IsNullOrEmpty(s)))
            .WithMessage("stop_sequences: each stop sequence must be a non-empty string");
    }
}

/// <summary>Anthropic's message object: the non-streamed answer, and the one <c>message_start</c>
/// carries (with no content, no stop reason yet). Properties in Anthropic's order.</summary>
public sealed class AnthropicMessage(string id, string model, IReadOnlyList<AnthropicTextBlock> content,
    string? stopReason, string? stopSequence, AnthropicUsage usage)
{
    public string Id => id;
    public string Type => "message";
    public string Role => "assistant";
    public string Model => model;
    public IReadOnlyList<AnthropicTextBlock> Content => content;
    [JsonPropertyName("stop_reason")] public string? StopReason => stopReason;
    [JsonPropertyName("stop_sequence")] public string? StopSequence => stopSequence;
    public AnthropicUsage Usage => usage;
}

public sealed class AnthropicTextBlock(string text)
{
    public string Type => "text";
    public string Text => text;
}

public sealed record AnthropicUsage(
    [property: JsonPropertyName("input_tokens")] int InputTokens,
    [property: JsonPropertyName("output_tokens")] int OutputTokens);
