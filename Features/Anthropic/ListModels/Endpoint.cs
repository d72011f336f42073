using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Anthropic.ListModels;

/// <summary>
/// GET /v1/models in Anthropic's shape. The route is shared with OpenAI's list, which answers
/// unless the request speaks Anthropic's protocol (<see cref="AnthropicErrors.Speaks"/>: the
/// <c>anthropic-version</c> header); that branch is <see cref="Data.Page"/>.
/// </summary>
sealed class Endpoint(ChatDb db) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get("/v1/models");
        Summary(s =>
        {
            s.Summary = "The active models as Anthropic lists them (sent with the anthropic-version header)";
            s.Response<Response>(StatusCodes.Status200OK, "A page of models");
            s.Response<AnthropicError>(StatusCodes.Status400BadRequest, "invalid_request_error: limit out of 1..1000, or both after_id and before_id");
            s.Response<AnthropicError>(StatusCodes.Status401Unauthorized, "authentication_error");
            s.Response<AnthropicError>(StatusCodes.Status500InternalServerError, "api_error");
        });
    }

    public override Task HandleAsync(Request req, CancellationToken ct) => Send.OkAsync(Data.Page(db, req), ct);
}
