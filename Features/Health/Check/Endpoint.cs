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
        switch (Data.DatabaseFailure(db))
        {
            case null:
                await Send.OkAsync(Envelope.Of(new Response("ok")), ct);
                break;
            case DatabaseUnavailableException stopped:
                // Logged once, when it stopped writing; its reason is the answer.
                await HttpContext.SendErrorAsync(StatusCodes.Status503ServiceUnavailable, stopped.Message, ct);
                break;
            case var failure:
                logger.LogWarning(failure, "Health check: the database does not answer");
                await HttpContext.SendErrorAsync(StatusCodes.Status503ServiceUnavailable, "Database unavailable", ct);
                break;
        }
    }
}
