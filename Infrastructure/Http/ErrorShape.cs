namespace ChatFake.Infrastructure.Http;

/// <summary>
/// The error body of routes that speak another provider's protocol (the <c>/v1</c> routes
/// answer OpenAI or Anthropic clients, which read their own error shape, not the envelope).
/// Every error the app writes (validation, auth, not found, limits, unhandled) goes through
/// <see cref="ErrorResponses"/>, which asks the registered shapes, in registration order, and
/// falls back to the envelope.
/// </summary>
public interface IErrorShape
{
    bool AppliesTo(HttpRequest request);

    /// <summary>The body to send with <paramref name="status"/>; <paramref name="errors"/> are
    /// the failing fields of a validation failure, if any.</summary>
    object Body(int status, string message, IDictionary<string, string[]>? errors);
}
