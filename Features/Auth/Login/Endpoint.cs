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
        AllowAnonymous();
        Options(x => x.RequireRateLimiting(AuthRateLimit.Policy));
        Summary(s => s.Summary = "Exchange email and password for a token");
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
