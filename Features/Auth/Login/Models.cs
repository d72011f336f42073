namespace ChatFake.Features.Auth.Login;

public sealed class Request
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("email is required");
        // Not NotEmpty: that also refuses whitespace, and "      " is a valid password at register.
        RuleFor(x => x.Password).Must(p => !string.IsNullOrEmpty(p)).WithMessage("password is required");
    }
}
