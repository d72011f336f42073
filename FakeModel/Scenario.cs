using FluentValidation.Results;

namespace ChatFake.FakeModel;

/// <summary>What the <c>X-Fake-Scenario</c> request header asks the fake model to do.</summary>
public enum Scenario
{
    None,
    /// <summary>Every attempt fails.</summary>
    Error,
    /// <summary>The first attempt fails, the retries succeed.</summary>
    Flaky,
    /// <summary>Every attempt runs into AI_TIMEOUT_SECONDS (never scaled).</summary>
    Timeout,
    /// <summary>Every simulated delay x5.</summary>
    Slow,
    /// <summary>The request is refused with a 429 before anything happens.</summary>
    RateLimit,
    /// <summary>Refused with a 429 and let through, in turn, for each user (see FakeAi.RateLimited).</summary>
    RateLimitOnce,
}

/// <summary>
/// Endpoint metadata of a route that reads the header (<c>Metadata(new ReadsScenarioHeader())</c>),
/// so that the OpenAPI document lists it: FastEndpoints documents only the headers bound to a
/// request property, and this one is read by the endpoint (see NewMessageRequest).
/// </summary>
public sealed record ReadsScenarioHeader;

public static class Scenarios
{
    public const string Header = "X-Fake-Scenario";

    /// <summary>Every value the header takes, as it is written on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, Scenario> ByName = new Dictionary<string, Scenario>
    {
        ["error"] = Scenario.Error,
        ["flaky"] = Scenario.Flaky,
        ["timeout"] = Scenario.Timeout,
        ["slow"] = Scenario.Slow,
        ["rate_limit"] = Scenario.RateLimit,
        ["rate_limit_once"] = Scenario.RateLimitOnce,
    };

    /// <summary>The validation message for a header value that names no scenario.</summary>
    public static string Unknown(string? header) => $"{Header} must be one of {string.Join(", ", ByName.Keys)} (got \"{header}\")";

    /// <summary>
    /// The request's scenario. An unknown value is added to <paramref name="failures"/> (the
    /// endpoint's validation failures), so it is answered with the body's 400s, before anything
    /// is stored.
    /// </summary>
    public static Scenario Read(HttpRequest request, List<ValidationFailure> failures)
    {
        string? header = request.Headers[Header];
        if (!TryParse(header, out var scenario))
            failures.Add(new ValidationFailure(Header, Unknown(header)));
        return scenario;
    }

    /// <summary>Trimmed and case-insensitive; absent or blank is <see cref="Scenario.None"/>.</summary>
    public static bool TryParse(string? header, out Scenario scenario)
    {
        scenario = Scenario.None;
        var value = header?.Trim() ?? "";
        if (value.Length == 0) return true;
        return ByName.TryGetValue(value.ToLowerInvariant(), out scenario);
    }
}
