using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Models.ListModels;

sealed class Endpoint(ModelCatalog catalog) : EndpointWithoutRequest<Envelope<IReadOnlyList<ModelDto>>>
{
    public override void Configure()
    {
        Get("/api/models");
        Group<Area>();
        Summary(s => s.Summary = "The active models, by provider then id");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(Envelope.Of<IReadOnlyList<ModelDto>>(catalog.Active.Select(ModelDto.From).ToList()), ct);
}
