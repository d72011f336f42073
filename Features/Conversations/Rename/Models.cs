namespace ChatFake.Features.Conversations.Rename;

public sealed class Request
{
    public string Id { get; set; } = "";
    public string? Title { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Title)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("title is required")
            .Must(t => t!.Trim().Length > 0).WithMessage("title must not be blank")
            .Must(t => t!.Trim().Length <= 200).WithMessage("title must be at most 200 characters");
    }
}
