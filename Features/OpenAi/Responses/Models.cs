using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFake.Features.OpenAi.Responses;

/// <summary>
/// What ChatFake reads of a Responses API request; every other field (temperature, tools,
/// reasoning, metadata...) is accepted and ignored. <c>store</c> is accepted too, but nothing is
/// stored: the answer says <c>store: false</c> and <c>previous_response_id</c> is refused.
/// </summary>
public sealed class Request
{
    public const int MinOutputTokens = 16;

    public string? Model { get; set; }

    /// <summary>A string (the user's message) or a list of input items.</summary>
    public JsonElement Input { get; set; }

    public string? Instructions { get; set; }
    public bool? Stream { get; set; }
    public bool? Store { get; set; }

    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; set; }

    [JsonPropertyName("previous_response_id")]
    public string? PreviousResponseId { get; set; }

    /// <summary>The messages of the input, (role, text) in order; null when the input is neither a
    /// string nor a list of items. Items that are no message (function call outputs, references...)
    /// carry no text and are skipped.</summary>
    public List<(string Role, string Text)>? Messages()
    {
        if (Input.ValueKind == JsonValueKind.String) return [("user", Input.GetString()!)];
        if (Input.ValueKind != JsonValueKind.Array) return null;
        var messages = new List<(string, string)>();
        foreach (var item in Input.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) return null;
            var isMessage = !item.TryGetProperty("type", out var type) || type.ValueEquals("message");
            if (!isMessage) continue;
            if (!item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String) return null;
            if (MessageText.Of(item.TryGetProperty("content", out var content) ? content : default) is not { } text) return null;
            messages.Add((role.GetString()!, text));
        }
        return messages;
    }

    /// <summary>The reply answers the last user message (trimmed); valid after validation.</summary>
    public string LastUserText() => Messages()!.Last(m => m.Role == "user").Text.Trim();

    /// <summary>The instructions and every message's text, for the prompt's token count.</summary>
    public int PromptTokens() => Tokens.Count(Instructions ?? "") + Messages()!.Sum(m => Tokens.Count(m.Text));
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Model).NotEmpty().WithMessage("model is required").OverridePropertyName("model");
        RuleFor(x => x).Custom((request, context) =>
        {
            var problem = request.Messages() switch
            {
                null => $"input must be a string or a list of input items (messages with a role and content that {MessageText.Invalid})",
                var messages when !messages.Any(m => m.Role == "user") => "input must contain a user message",
                _ => null,
            };
            if (problem is not null) context.AddFailure("input", problem);
        });
        RuleFor(x => x.MaxOutputTokens).GreaterThanOrEqualTo(Request.MinOutputTokens)
            .WithMessage($"max_output_tokens must be at least {Request.MinOutputTokens}").OverridePropertyName("max_output_tokens");
        RuleFor(x => x.PreviousResponseId).Null()
            .WithMessage("previous_response_id is not supported: ChatFake stores no responses; send the whole conversation as input")
            .OverridePropertyName("previous_response_id");
    }
}

/// <summary>A <c>response</c> object, with the fields OpenAI always sends (most of them fixed here).</summary>
public sealed record Response(
    string Id,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    string Status,
    [property: JsonPropertyName("completed_at")] long? CompletedAt,
    [property: JsonPropertyName("incomplete_details")] IncompleteDetails? IncompleteDetails,
    string? Instructions,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    string Model,
    IReadOnlyList<OutputMessage> Output,
    ResponseUsage? Usage)
{
    public string Object => "response";
    public object? Error => null;
    [JsonPropertyName("parallel_tool_calls")] public bool ParallelToolCalls => true;
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId => null;
    public Reasoning Reasoning => new(null, null);
    public bool Store => false;
    public double Temperature => 1;
    public TextOptions Text => new(new("text"));
    [JsonPropertyName("tool_choice")] public string ToolChoice => "auto";
    public IReadOnlyList<object> Tools => [];
    [JsonPropertyName("top_p")] public double TopP => 1;
    public string Truncation => "disabled";
    public string? User => null;
    public IReadOnlyDictionary<string, string> Metadata => new Dictionary<string, string>();
}

public sealed record IncompleteDetails(string Reason);

public sealed record Reasoning(string? Effort, string? Summary);

public sealed record TextOptions(TextFormat Format);

public sealed record TextFormat(string Type);

/// <summary>The assistant's message: the one output item.</summary>
public sealed record OutputMessage(string Id, string Status, IReadOnlyList<OutputText> Content)
{
    public string Type => "message";
    public string Role => "assistant";
}

public sealed record OutputText(string Text)
{
    public string Type => "output_text";
    public IReadOnlyList<object> Annotations => [];
}

/// <summary>Token counts: see <see cref="Tokens"/>.</summary>
public sealed record ResponseUsage(
    [property: JsonPropertyName("input_tokens")] int InputTokens,
    [property: JsonPropertyName("output_tokens")] int OutputTokens)
{
    [JsonPropertyName("input_tokens_details")] public CachedTokens InputTokensDetails => new(0);
    [JsonPropertyName("output_tokens_details")] public ReasoningTokens OutputTokensDetails => new(0);
    [JsonPropertyName("total_tokens")] public int TotalTokens => InputTokens + OutputTokens;
}

public sealed record CachedTokens([property: JsonPropertyName("cached_tokens")] int Cached);

public sealed record ReasoningTokens([property: JsonPropertyName("reasoning_tokens")] int Reasoning);
