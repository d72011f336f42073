using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Dev.State;

sealed class Endpoint(ChatDb db, IConfiguration config, IHostEnvironment environment) : EndpointWithoutRequest<Envelope<DevState>>
{
    public override void Configure()
    {
        Get("/api/dev/state");
        AllowAnonymous();
        // A route for test suites, not part of the API contract or its document.
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await DevRoutes.OpenAsync(HttpContext, config, environment, ct))
            await Send.OkAsync(Envelope.Of(DevState.Of(db)), ct);
    }
}
