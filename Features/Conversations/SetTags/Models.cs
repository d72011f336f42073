namespace ChatFake.Features.Conversations.SetTags;

public sealed class Request
{
    public string Id { get; set; } = "";

    // Entries are nullable so that a null entry reaches the validator as a 400 with a message.
    public List<string?>? Tags { get; set; }

    /// <summary>The tags trimmed, duplicates removed, first occurrences in their order.</summary>
    public List<string> DistinctTags()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return (Tags ?? []).Select(t => t!.Trim()).Where(seen.Add).ToList();
    }
}

public sealed class Validator : Validator<Request>
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    public Validator()
    {
        RuleFor(x => x.Tags)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("tags is required (an array of strings)")
            .Must(tags => tags!.All(t => t is not null)).WithMessage("each tag must be a string")
            .Must(tags => tags!.All(t => t!.Trim().Length > 0)).WithMessage("tags must not be blank")
            .Must(tags => tags!.All(t => t!.Trim().Length <= MaxTagLength))
            .WithMessage($"each tag must be at most {MaxTagLength} characters")
            .Must((req, _) => req.DistinctTags().Count <= MaxTags)
            .WithMessage($"at most {MaxTags} distinct tags");
    }
}
