using ChatFake.FakeModel;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// The error answers that follow from the app's plumbing rather than from what an endpoint does,
/// added to the summary of every endpoint that does not declare them itself: 401 from the auth
/// setup (every route but the anonymous ones), 400 from the JSON body handling, the validators
/// and <see cref="Scenarios"/>, 413 from the body limit, 500 from the error envelope middleware.
/// All in the error envelope. What an endpoint sends itself (its 201, 404, 409...) it declares in
/// its own <c>Summary</c>.
/// </summary>
public static class Answers
{
    /// <summary>The description of a 404: not yours looks exactly like not there.</summary>
    public const string NotFound = "No such resource, or it belongs to another user.";

    /// <summary>FastEndpoints' <c>Configurator</c>: runs for each endpoint after its <c>Configure()</c>.</summary>
    public static void Document(EndpointDefinition endpoint)
    {
        var hasBody = endpoint.Verbs.Any(v => v is "POST" or "PUT" or "PATCH");
        var badInput = new List<string>();
        if (hasBody) badInput.Add("malformed JSON, a body that is not a JSON object, or a missing or invalid field (named in `errors`)");
        if (endpoint.ReqDtoType.GetProperties().Any(p => p.IsDefined(typeof(QueryParamAttribute), inherit: true)))
            badInput.Add("a query value out of range (named in `errors`)");
        if (endpoint.EndpointMetadata?.OfType<ReadsScenarioHeader>().Any() == true)
            badInput.Add($"an unknown {Scenarios.Header} value");

        endpoint.Summary(s =>
        {
            if (badInput.Count > 0) Add(s, StatusCodes.Status400BadRequest, $"Bad input: {string.Join("; ", badInput)}.");
            if (endpoint.AnonymousVerbs is not { Length: > 0 }) Add(s, StatusCodes.Status401Unauthorized, "Missing, invalid or expired token.");
            if (hasBody) Add(s, StatusCodes.Status413PayloadTooLarge, "Request body too large.");
            if (endpoint.EndpointMetadata?.OfType<ReadsScenarioHeader>().Any() == true)
                Add(s, StatusCodes.Status429TooManyRequests, "A rate_limit scenario refused the request (with Retry-After); nothing stored.");
            Add(s, StatusCodes.Status500InternalServerError,
                "Unexpected failure, logged with the trace id given in `error`. Never caused by bad input.");
        });
    }

    static void Add(EndpointSummary summary, int status, string description)
    {
        if (!summary.Responses.ContainsKey(status)) summary.Response<ErrorEnvelope>(status, description);
    }
}
