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
        Summary(s => s.Summary = "The active models as Anthropic lists them (sent with the anthropic-version header)");
    }

    public override Task HandleAsync(Request req, CancellationToken ct) => Send.OkAsync(Data.Page(db, req), ct);
}
