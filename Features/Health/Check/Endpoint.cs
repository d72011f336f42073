using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Health.Check;

sealed class Endpoint(ChatDb db, ILogger<Endpoint> logger) : EndpointWithoutRequest<Envelope<Response>>
{
    public override void Configure()
    {
        Get("/health");
        Group<Area>();
        AllowAnonymous();
        Summary(s =>
        {
            s.Summary = "200 when the database answers, 503 otherwise";
            s.Response<ErrorEnvelope>(StatusCodes.Status503ServiceUnavailable, "The database does not answer");
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Data.DatabaseFailure(db) is { } failure)
        {
            logger.LogWarning(failure, "Health check: the database does not answer");
            await HttpContext.SendErrorAsync(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ct);
        }
        else
            await Send.OkAsync(Envelope.Of(new Response("ok")), ct);
    }
}
