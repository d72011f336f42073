using ChatFake.Features.Models;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Conversations.Create;

public sealed class Request
{
    /// <summary>Absent or null: "New conversation".</summary>
    public string? Title { get; set; }

    /// <summary>Absent or null: gpt-3.5-turbo.</summary>
    public string? ModelId { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        // Validators are singletons (FastEndpoints keeps one per endpoint, across app instances
        // in one process): the database is resolved per validation, never held.
        // Only a present title is checked: absent or null means the default, blank is a 400.
        RuleFor(x => x.Title)
            .Must(t => t!.Trim().Length > 0).WithMessage("title must not be blank")
            .Must(t => t!.Trim().Length <= 200).WithMessage("title must be at most 200 characters")
            .When(x => x.Title is not null);
        RuleFor(x => x.ModelId)
            .Must(id => ActiveModels.Contains(Resolve<ModelCatalog>(), id!)).WithMessage(ActiveModels.Message)
            .When(x => x.ModelId is not null);
    }
}
