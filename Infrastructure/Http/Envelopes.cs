using System.Text.Json.Serialization;

namespace ChatFake.Infrastructure.Http;

// The response envelopes of docs/API.md, "Conventions". Endpoints return these types so that the
// OpenAPI document shows each response exactly as it is on the wire.

public sealed class Envelope<T>
{
    public bool Success { get; init; } = true;
    public required T Data { get; init; }
}

public sealed class PagedEnvelope<T>
{
    public bool Success { get; init; } = true;
    public required IReadOnlyList<T> Data { get; init; }
    public required Pagination Pagination { get; init; }
}

public sealed record Pagination(int Page, int Limit, int Total, int TotalPages);

/// <summary>Every error: <c>{"success": false, "error": "...", "errors": {...}?}</c>.</summary>
public sealed class ErrorEnvelope
{
    public bool Success { get; init; }
    public required string Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string[]>? Errors { get; init; }
}

/// <summary>A request that stored something before it failed (the 202 of an AI failure):
/// the error, and what was stored.</summary>
public sealed class FailureEnvelope<T>
{
    public bool Success { get; init; }
    public required string Error { get; init; }
    public required T Data { get; init; }
}

public static class Envelope
{
    public static Envelope<T> Of<T>(T data) => new() { Data = data };

    public static PagedEnvelope<T> Page<T>(IReadOnlyList<T> items, PageRequest page, int total) => new()
    {
        Data = items,
        Pagination = new(page.Page, page.Limit, total, (total + page.Limit - 1) / page.Limit),
    };

    public static ErrorEnvelope Error(string message, IDictionary<string, string[]>? errors = null) =>
        new() { Error = message, Errors = errors };
}
