using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Protection;

namespace ChatFake.Features.Auth.Register;

sealed class Endpoint(ChatDb db, Clock clock, TokenService tokens) : Endpoint<Request, Envelope<AuthResult>>
{
    public override void Configure()
    {
        Post("/api/auth/register");
        Group<Area>();
        AllowAnonymous();
        Options(x => x.RequireRateLimiting(AuthRateLimit.Policy));
        Summary(s =>
        {
            s.Summary = "Create an account and get a token";
            s.Description = "username: 3 to 32 letters, digits, `_` or `-`, unique ignoring case. email: valid, unique "
                + "ignoring case, stored lower-case. password: 6 to 128 characters.";
            s.ExampleRequest = new Request { Username = "testuser", Email = "test@example.com", Password = "123456" };
            s.Response<Envelope<AuthResult>>(StatusCodes.Status201Created, "The new account and a token for it");
            s.Response<ErrorEnvelope>(StatusCodes.Status409Conflict, "The username or the email is taken; `errors` names which");
            s.Response<ErrorEnvelope>(StatusCodes.Status429TooManyRequests,
                "Too many register and login attempts from this IP (RATE_LIMIT_AUTH_PER_MINUTE)");
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var now = clock.Now();
        var username = req.Username!.Trim();
        var user = new UserDoc
        {
            Id = Guid.NewGuid().ToString(),
            Username = username,
            UsernameKey = username.ToLowerInvariant(),
            Email = req.Email!.Trim().ToLowerInvariant(),
            PasswordHash = Passwords.Hash(req.Password!),
            CreatedAt = now,
            UpdatedAt = now,
        };

        switch (await Data.TryInsertAsync(db, user))
        {
            case Data.Outcome.UsernameTaken:
                await HttpContext.SendErrorAsync(StatusCodes.Status409Conflict, "Username already taken", ct,
                    new Dictionary<string, string[]> { ["username"] = ["username is already taken"] });
                break;
            case Data.Outcome.EmailTaken:
                await HttpContext.SendErrorAsync(StatusCodes.Status409Conflict, "Email already registered", ct,
                    new Dictionary<string, string[]> { ["email"] = ["email is already registered"] });
                break;
            default:
                await Send.ResponseAsync(Envelope.Of(new AuthResult(tokens.Issue(user.Id, user.Username), UserDto.From(user))),
                    StatusCodes.Status201Created, ct);
                break;
        }
    }
}
