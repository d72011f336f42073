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
        RuleFor(x => x.Password).NotEmpty().WithMessage("password is required");
    }
}
