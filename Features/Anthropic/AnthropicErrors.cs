using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Anthropic;

/// <summary>
/// Errors as Anthropic's API writes them, <c>{"type":"error","error":{"type","message"}}</c>,
/// for the requests that speak its protocol: <c>/v1/messages</c>, and any other <c>/v1</c>
/// request that sends the <c>anthropic-version</c> header (Anthropic's SDKs always do).
/// ChatFake's own <c>/api</c> routes keep their envelope whatever the headers.
/// </summary>
public sealed class AnthropicErrors : IErrorShape
{
    public const string VersionHeader = "anthropic-version";

    /// <summary>Not a standard status: Anthropic's "overloaded", which its SDKs retry.</summary>
    public const int Overloaded = 529;

    public static bool Speaks(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1/messages")
        || (request.Path.StartsWithSegments("/v1") && request.Headers.ContainsKey(VersionHeader));

    public bool AppliesTo(HttpRequest request) => Speaks(request);

    /// <summary>Anthropic names no fields: a validation failure's message lists the failing ones.</summary>
    public object Body(int status, string message, IDictionary<string, string[]>? errors) =>
        Of(status, errors is { Count: > 0 } ? string.Join("; ", errors.Values.SelectMany(m => m).Distinct()) : message);

    public static AnthropicError Of(int status, string message) => new("error", new(TypeOf(status), message));

    /// <summary>Anthropic's error type for each status it documents.</summary>
    static string TypeOf(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        Overloaded => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}

public sealed record AnthropicError(string Type, AnthropicErrorDetail Error);

public sealed record AnthropicErrorDetail(string Type, string Message);
