using System.Text.Json;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Create;

public sealed class Request
{
    public string? Name { get; set; }
    // Elements may be null on the wire even though a bot id never is.
    public List<string?>? BotIds { get; set; }

    /// <summary>The distinct bot ids in id order (ordinal), as the group stores them.</summary>
    public List<string> DistinctBotIds() =>
        BotIds!.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

public sealed class Validator : Validator<Request>
{
    public const int MaxBots = 10;

    public Validator()
    {
        RuleFor(x => x.Name)
            .NotNull().WithMessage("name is required")
            .Must(n => n is null || n.Trim().Length is >= 1 and <= 100)
            .WithMessage("name must be 1 to 100 characters after trimming");

        RuleFor(x => x.BotIds)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("botIds is required: an array of bot ids")
            .NotEmpty().WithMessage("botIds must name at least one bot")
            .Must(ids => ids!.Distinct(StringComparer.Ordinal).Count() <= MaxBots)
            .WithMessage($"botIds must name at most {MaxBots} distinct bots")
            .Custom((ids, context) =>
            {
                // Validators are singletons: the database is resolved per request, not held.
                var db = Resolve<ChatDb>();
                foreach (var id in ids!.Distinct(StringComparer.Ordinal))
                    if (id is null || !db.Bots.Exists(b => b.Id == id))
                        context.AddFailure($"unknown bot id {JsonSerializer.Serialize(id)}");
            });
    }
}
