namespace ChatFake.Features.OpenAi;

/// <summary>The error answers the OpenAI routes document, each with OpenAI's error body.</summary>
static class OpenAiDocs
{
    public static void Errors(EndpointSummary s, bool callsModel)
    {
        s.Response<OpenAiError>(StatusCodes.Status401Unauthorized, "Missing or invalid key (`code: invalid_api_key`): send the ChatFake token as the API key");
        s.Response<OpenAiError>(StatusCodes.Status500InternalServerError,
            callsModel ? "The model failed after its retries (X-Fake-Scenario: error), or an unexpected failure" : "Unexpected failure");
        if (!callsModel) return;
        s.Response<OpenAiError>(StatusCodes.Status400BadRequest, "Bad input (`param` names the field) or an unknown X-Fake-Scenario");
        s.Response<OpenAiError>(StatusCodes.Status413PayloadTooLarge, "Request body too large");
        s.Response<OpenAiError>(StatusCodes.Status404NotFound, "Unknown or inactive model (`code: model_not_found`), or an X-ChatFake-Conversation that is not yours");
        s.Response<OpenAiError>(StatusCodes.Status429TooManyRequests,
            "X-Fake-Scenario rate_limit or rate_limit_once (`code: rate_limit_exceeded`, with Retry-After), or too many open streams");
        s.Response<OpenAiError>(StatusCodes.Status504GatewayTimeout, "Every attempt ran into AI_TIMEOUT_SECONDS (X-Fake-Scenario: timeout)");
    }
}
