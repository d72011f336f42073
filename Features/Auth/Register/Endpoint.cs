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
        AllowAnonymous();
        Options(x => x.RequireRateLimiting(AuthRateLimit.Policy));
        Summary(s => s.Summary = "Create an account and get a token");
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

        switch (Data.TryInsert(db, user))
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
