using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.OpenAi;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiError(OpenAiError.Detail Error)
{
    public sealed record Detail(string Message, string Type, string? Param, string? Code);

    /// <summary>The error of <paramref name="status"/>, typed and coded as OpenAI does for that status.</summary>
    public static OpenAiError Of(int status, string message, string? param = null, string? code = null) => new(status switch
    {
        StatusCodes.Status401Unauthorized => new Detail(message, "invalid_request_error", param, code ?? "invalid_api_key"),
        StatusCodes.Status429TooManyRequests => new Detail(message, "requests", param, code ?? "rate_limit_exceeded"),
        StatusCodes.Status504GatewayTimeout => new Detail(message, "timeout", param, code ?? "timeout"),
        >= 500 => new Detail(message, "server_error", param, code),
        _ => new Detail(message, "invalid_request_error", param, code),
    });

    public static OpenAiError ModelNotFound(string? model) =>
        Of(StatusCodes.Status404NotFound, $"The model `{model}` does not exist or you do not have access to it.", "model", "model_not_found");
}

/// <summary>
/// Every error of the OpenAI routes (validation, 401, unknown route, limits, 500) in OpenAI's
/// shape: all of <c>/v1</c> but what Anthropic clients call (<c>/v1/messages</c>, or any request
/// carrying <c>anthropic-version</c>).
/// </summary>
public sealed class OpenAiErrorShape : IErrorShape
{
    public bool AppliesTo(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1")
        && !request.Path.StartsWithSegments("/v1/messages")
        && !request.Headers.ContainsKey("anthropic-version");

    public object Body(int status, string message, IDictionary<string, string[]>? errors) =>
        OpenAiError.Of(status, message, errors?.Keys.FirstOrDefault());
}
