using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFake.Features.OpenAi.ChatCompletions;

/// <summary>
/// What ChatFake reads of a chat completion request; every other field (temperature, top_p,
/// seed, user, metadata, tools...) is accepted and ignored.
/// </summary>
public sealed class Request
{
    public string? Model { get; set; }
    public List<ChatCompletionMessage>? Messages { get; set; }
    public bool? Stream { get; set; }

    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; set; }

    public int? N { get; set; }

    /// <summary>The reply answers the last user message (trimmed, as the native routes store it); valid after validation.</summary>
    public string LastUserText() => MessageText.Of(Messages!.Last(m => m.Role == "user").Content)!.Trim();

    /// <summary>Every message's text, for the prompt's token count; valid after validation.</summary>
    public int PromptTokens() => Messages!.Sum(m => Tokens.Count(MessageText.Of(m.Content)!));

    public int? TokenLimit() => MaxCompletionTokens ?? MaxTokens;
}

public sealed class ChatCompletionMessage
{
    public string? Role { get; set; }
    public JsonElement Content { get; set; }
}

public sealed class StreamOptions
{
    [JsonPropertyName("include_usage")]
    public bool? IncludeUsage { get; set; }
}

public sealed class Validator : Validator<Request>
{
    static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public Validator()
    {
        RuleFor(x => x.Model).NotEmpty().WithMessage("model is required").OverridePropertyName("model");
        RuleFor(x => x.Messages)
            .NotEmpty().WithMessage("messages must be a non-empty array")
            .Must(m => m is null || m.Count == 0 || m.Any(x => x.Role == "user")).WithMessage("messages must contain a user message")
            .OverridePropertyName("messages");
        RuleForEach(x => x.Messages).ChildRules(message =>
        {
            message.RuleFor(m => m.Role).Must(r => Roles.Contains(r))
                .WithMessage($"role must be one of {string.Join(", ", Roles)}").OverridePropertyName("role");
            message.RuleFor(m => m.Content).Must(c => MessageText.Of(c) is not null)
                .WithMessage($"content {MessageText.Invalid}").OverridePropertyName("content");
        }).OverridePropertyName("messages");
        RuleFor(x => x.N).Must(n => n is null or 1).WithMessage("n must be 1: ChatFake answers with one choice").OverridePropertyName("n");
        RuleFor(x => x.MaxTokens).GreaterThanOrEqualTo(1).WithMessage("max_tokens must be at least 1").OverridePropertyName("max_tokens");
        RuleFor(x => x.MaxCompletionTokens).GreaterThanOrEqualTo(1)
            .WithMessage("max_completion_tokens must be at least 1").OverridePropertyName("max_completion_tokens");
    }
}

/// <summary>A <c>chat.completion</c> object.</summary>
public sealed record Response(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<Choice> Choices,
    CompletionUsage Usage,
    [property: JsonPropertyName("service_tier")] string ServiceTier);

public sealed record Choice(
    int Index,
    AssistantMessage Message,
    object? Logprobs,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

public sealed record AssistantMessage(string Role, string Content, string? Refusal, IReadOnlyList<object> Annotations);

/// <summary>Token counts: see <see cref="Tokens"/>; nothing is cached, reasoned or spoken.</summary>
public sealed record CompletionUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens,
    [property: JsonPropertyName("prompt_tokens_details")] PromptDetails PromptTokensDetails,
    [property: JsonPropertyName("completion_tokens_details")] CompletionDetails CompletionTokensDetails)
{
    public static CompletionUsage Of(int prompt, int completion) => new(prompt, completion, prompt + completion, new(0, 0), new(0, 0, 0, 0));
}

public sealed record PromptDetails(
    [property: JsonPropertyName("cached_tokens")] int CachedTokens,
    [property: JsonPropertyName("audio_tokens")] int AudioTokens);

public sealed record CompletionDetails(
    [property: JsonPropertyName("reasoning_tokens")] int ReasoningTokens,
    [property: JsonPropertyName("audio_tokens")] int AudioTokens,
    [property: JsonPropertyName("accepted_prediction_tokens")] int AcceptedPredictionTokens,
    [property: JsonPropertyName("rejected_prediction_tokens")] int RejectedPredictionTokens);

/// <summary>A <c>chat.completion.chunk</c>: one <c>data:</c> line of the stream. <c>usage</c> is only
/// on the last chunk, when the request asked for it.</summary>
public sealed record Chunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompletionUsage? Usage = null);

public sealed record ChunkChoice(
    int Index,
    Delta Delta,
    object? Logprobs,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>What a chunk adds: the role (first chunk), a piece of the content, or nothing (the finishing chunk).</summary>
public sealed record Delta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
