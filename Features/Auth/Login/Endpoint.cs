using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Protection;

namespace ChatFake.Features.Auth.Login;

sealed class Endpoint(ChatDb db, TokenService tokens) : Endpoint<Request, Envelope<AuthResult>>
{
    public override void Configure()
    {
        Post("/api/auth/login");
        Group<Area>();
        AllowAnonymous();
        Options(x => x.RequireRateLimiting(AuthRateLimit.Policy));
        Summary(s =>
        {
            s.Summary = "Exchange email and password for a token";
            s.ExampleRequest = new Request { Email = "test@test.com", Password = "123456" };
            s.Response<Envelope<AuthResult>>(StatusCodes.Status200OK, "The account and a token for it");
            s.Response<ErrorEnvelope>(StatusCodes.Status401Unauthorized, "Wrong email or password (one answer for both)");
            s.Response<ErrorEnvelope>(StatusCodes.Status429TooManyRequests,
                "Too many register and login attempts from this IP (RATE_LIMIT_AUTH_PER_MINUTE)");
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var email = req.Email!.Trim().ToLowerInvariant();
        var user = db.Users.FindOne(x => x.Email == email);

        // One answer, and the same BCrypt work, for an unknown email and a wrong password.
        if (!Passwords.Verify(req.Password!, user?.PasswordHash))
        {
            await HttpContext.SendErrorAsync(StatusCodes.Status401Unauthorized, "Invalid email or password", ct);
            return;
        }
        await Send.OkAsync(Envelope.Of(new AuthResult(tokens.Issue(user!.Id, user.Username), UserDto.From(user))), ct);
    }
}
