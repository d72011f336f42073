using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace ChatFake.Features.Dev.Reset;

sealed class Endpoint(ChatDb db, ModelCatalog catalog, Clock clock, IOptions<DatabaseOptions> options, IConfiguration config, IHostEnvironment environment)
    : EndpointWithoutRequest<Envelope<DevState>>
{
    public override void Configure()
    {
        Post("/api/dev/reset");
        AllowAnonymous();
        // A route for test suites, not part of the API contract or its document.
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await DevRoutes.OpenAsync(HttpContext, config, environment, ct))
            await Send.OkAsync(Envelope.Of(await Data.ResetAsync(db, catalog, clock, options.Value.SeedDemo)), ct);
    }
}
