using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Anthropic.ListModels;

/// <summary>Anthropic's cursor paging: <c>?limit=&amp;after_id=&amp;before_id=</c>. Values bind
/// as strings so that the validator decides what is valid (an empty value counts as absent).</summary>
public sealed class Request
{
    [QueryParam] public string? Limit { get; set; }

    [QueryParam, BindFrom("after_id")] public string? AfterId { get; set; }

    [QueryParam, BindFrom("before_id")] public string? BeforeId { get; set; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    /// <summary>The page size asked for; valid after validation.</summary>
    public int PageSize() => string.IsNullOrEmpty(Limit) ? DefaultLimit : int.Parse(Limit);
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Limit)
            .Must(v => PagedRequest.IsWholeNumber(v, 1, Request.MaxLimit))
            .WithMessage($"limit: must be a whole number between 1 and {Request.MaxLimit}");
        RuleFor(x => x)
            .Must(x => string.IsNullOrEmpty(x.AfterId) || string.IsNullOrEmpty(x.BeforeId))
            .WithMessage("after_id and before_id cannot both be given")
            .OverridePropertyName("after_id");
    }
}

/// <summary>Anthropic's model list page.</summary>
public sealed record Response(
    IReadOnlyList<AnthropicModel> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId);

/// <summary>
/// One model as Anthropic lists it. ChatFake keeps no release dates: <c>created_at</c> is the
/// Unix epoch for every model, so that no client mistakes it for one.
/// </summary>
public sealed class AnthropicModel(string id, string displayName, string createdAt)
{
    public string Type => "model";
    public string Id => id;
    [JsonPropertyName("display_name")] public string DisplayName => displayName;
    [JsonPropertyName("created_at")] public string CreatedAt => createdAt;
}
