using System.Text.RegularExpressions;

namespace ChatFake.Features.Auth.Register;

public sealed class Request
{
    public string? Username { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed partial class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Username)
            .NotNull().WithMessage("username is required")
            .Must(u => u is null || UsernamePattern().IsMatch(u.Trim()))
            .WithMessage("username must be 3 to 32 letters, digits, _ or -");
        RuleFor(x => x.Email)
            .NotNull().WithMessage("email is required")
            .Must(e => e is null || (e.Trim().Length <= 254 && EmailPattern().IsMatch(e.Trim())))
            .WithMessage("email must be a valid email address");
        RuleFor(x => x.Password)
            .NotNull().WithMessage("password is required")
            .Length(6, 128).WithMessage("password must be 6 to 128 characters");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{3,32}$")]
    private static partial Regex UsernamePattern();

    // No whitespace and no control characters (NUL, ESC...) anywhere.
    [GeneratedRegex(@"^[^\s\p{Cc}@]+@[^\s\p{Cc}@]+\.[^\s\p{Cc}@]+$")]
    private static partial Regex EmailPattern();
}
