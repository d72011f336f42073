namespace ChatFake.Features.Chat;

/// <summary>A message a user posts to a conversation or group: <c>{content}</c>. (The
/// <c>X-Fake-Scenario</c> header is read by the endpoint: a request property would also bind
/// from a <c>scenario</c> field of the JSON body.)</summary>
public sealed class NewMessageRequest
{
    /// <summary>The conversation or group (route).</summary>
    public string Id { get; set; } = "";

    public string? Content { get; set; }

    /// <summary>The trimmed content; valid after validation.</summary>
    public string TrimmedContent() => Content!.Trim();
}

public sealed class NewMessageValidator : Validator<NewMessageRequest>
{
    public const int MaxContentLength = 8000;

    public NewMessageValidator()
    {
        RuleFor(x => x.Content)
            .NotNull().WithMessage("content is required")
            .Must(c => c is null || c.Trim().Length is >= 1 and <= MaxContentLength)
            .WithMessage($"content must be 1 to {MaxContentLength} characters after trimming");
    }
}
