using ChatFake.Features.Models;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.SwitchModel;

public sealed class Request
{
    public string Id { get; set; } = "";
    public string? ModelId { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        // Validators are singletons (FastEndpoints keeps one per endpoint, across app instances
        // in one process): the database is resolved per validation, never held.
        RuleFor(x => x.ModelId)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("modelId is required")
            .Must(id => ActiveModels.Contains(Resolve<ModelCatalog>(), id!)).WithMessage(ActiveModels.Message);
    }
}

public sealed record Response(string ModelId);
