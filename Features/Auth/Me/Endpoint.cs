using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Auth.Me;

sealed class Endpoint(ChatDb db) : EndpointWithoutRequest<Envelope<UserDto>>
{
    public override void Configure()
    {
        Get("/api/auth/me");
        Group<Area>();
        Summary(s => s.Summary = "The user the token belongs to");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        // A valid token whose user is gone is no longer a valid credential.
        if (db.Users.FindById(User.Id()) is not { } user)
            await HttpContext.SendErrorAsync(StatusCodes.Status401Unauthorized, "Invalid token", ct);
        else
            await Send.OkAsync(Envelope.Of(UserDto.From(user)), ct);
    }
}
